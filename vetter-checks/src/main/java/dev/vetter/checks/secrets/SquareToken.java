package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/square-token",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A Square access token or OAuth secret (`sq0atp-`, `EAAA…`, `sq0csp-`).",
    rationale = SecretRule.RATIONALE,
    fix = "Revoke the token in the Square Developer Dashboard (Credentials) and create a new one." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class SquareToken extends SecretRule<SecretOptions> {}
