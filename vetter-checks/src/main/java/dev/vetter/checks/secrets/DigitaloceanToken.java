package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/digitalocean-token",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A DigitalOcean personal access, OAuth or refresh token (`dop_v1_…`).",
    rationale = SecretRule.RATIONALE,
    fix = "Delete the token in the DigitalOcean control panel (API → Tokens) and create a new one." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class DigitaloceanToken extends SecretRule<SecretOptions> {}
