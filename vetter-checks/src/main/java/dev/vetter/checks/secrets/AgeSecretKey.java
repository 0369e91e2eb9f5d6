package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/age-secret-key",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "An age encryption secret key (`AGE-SECRET-KEY-1…`).",
    rationale = SecretRule.RATIONALE,
    fix = "Generate a new key pair with `age-keygen`, re-encrypt what the old key protected, and keep the key file out of the repository." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class AgeSecretKey extends SecretRule<SecretOptions> {}
