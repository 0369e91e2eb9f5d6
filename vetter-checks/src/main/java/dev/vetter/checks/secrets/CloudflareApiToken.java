package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/cloudflare-api-token",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A Cloudflare API token, global API key or Origin CA key.",
    rationale = SecretRule.RATIONALE,
    fix = "Roll or delete the token in the Cloudflare dashboard (My Profile → API Tokens); roll the Global API Key there too if it leaked." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class CloudflareApiToken extends SecretRule<SecretOptions> {}
