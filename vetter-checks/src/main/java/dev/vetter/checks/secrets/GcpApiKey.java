package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/gcp-api-key",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A Google Cloud / Google Maps API key (`AIza…`).",
    rationale = SecretRule.RATIONALE,
    fix = "Delete or regenerate the key in the Google Cloud console (APIs & Services → Credentials) and restrict the new key to the APIs and referrers it needs." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class GcpApiKey extends SecretRule<SecretOptions> {}
