package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/atlassian-api-token",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "An Atlassian (Jira, Confluence) API token.",
    rationale = SecretRule.RATIONALE,
    fix = "Revoke the token at id.atlassian.com → Security → API tokens and create a new one." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class AtlassianApiToken extends SecretRule<SecretOptions> {}
