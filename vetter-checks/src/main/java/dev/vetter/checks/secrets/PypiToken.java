package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/pypi-token",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A PyPI upload token (`pypi-AgEIcHlwaS5vcmc…`).",
    rationale = SecretRule.RATIONALE,
    fix = "Remove the token on pypi.org (Account settings → API tokens), and publish with trusted publishing instead of a stored token." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class PypiToken extends SecretRule<SecretOptions> {}
