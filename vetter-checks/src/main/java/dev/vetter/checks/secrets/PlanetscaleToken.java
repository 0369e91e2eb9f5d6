package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/planetscale-token",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A PlanetScale service token, OAuth token or database password (`pscale_…`).",
    rationale = SecretRule.RATIONALE,
    fix = "Delete the token or password in the PlanetScale dashboard and create a new one." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class PlanetscaleToken extends SecretRule<SecretOptions> {}
