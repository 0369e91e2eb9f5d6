package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/notion-token",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A Notion integration token (`ntn_…`).",
    rationale = SecretRule.RATIONALE,
    fix = "Refresh the secret in Notion (Settings → Connections → Develop or manage integrations) and update its users." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class NotionToken extends SecretRule<SecretOptions> {}
