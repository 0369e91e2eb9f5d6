package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/linear-api-key",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A Linear API key (`lin_api_…`) or OAuth token.",
    rationale = SecretRule.RATIONALE,
    fix = "Revoke the key in Linear (Settings → Security & access → Personal API keys) and create a new one." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class LinearApiKey extends SecretRule<SecretOptions> {}
