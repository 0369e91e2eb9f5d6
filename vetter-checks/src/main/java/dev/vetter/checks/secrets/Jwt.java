package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/jwt",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    version = 2,
    summary = "A JSON Web Token (`eyJ….eyJ….…`) with a decodable header.",
    rationale = SecretRule.RATIONALE,
    fix = "A JWT is a bearer credential until it expires: revoke the session or rotate the signing key if it is still valid, and generate test tokens at test time instead of committing them." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class Jwt extends SecretRule<SecretOptions> {}
