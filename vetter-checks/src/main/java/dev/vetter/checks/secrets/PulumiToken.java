package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/pulumi-token",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A Pulumi access token (`pul-…`).",
    rationale = SecretRule.RATIONALE,
    fix = "Delete the token in Pulumi Cloud (Settings → Access tokens) and create a new one." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class PulumiToken extends SecretRule<SecretOptions> {}
