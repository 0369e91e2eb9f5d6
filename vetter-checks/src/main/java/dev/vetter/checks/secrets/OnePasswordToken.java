package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/1password-token",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A 1Password service account token (`ops_eyJ…`) or account secret key (`A3-…`).",
    rationale = SecretRule.RATIONALE,
    fix = "Delete the service account (or rotate its token) in 1Password → Developer → Service accounts; a leaked secret key means changing the account password and secret key." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class OnePasswordToken extends SecretRule<SecretOptions> {}
