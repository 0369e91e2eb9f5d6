package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/postman-api-key",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A Postman API key (`PMAK-…`).",
    rationale = SecretRule.RATIONALE,
    fix = "Revoke the key in Postman (Settings → API keys) and create a new one." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class PostmanApiKey extends SecretRule<SecretOptions> {}
