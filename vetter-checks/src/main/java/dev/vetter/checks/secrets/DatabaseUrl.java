package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/database-url",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    version = 2,
    summary = "A password in a database connection string (`postgres://user:password@…`, `Password=…;`).",
    rationale = SecretRule.RATIONALE,
    fix = "Change the database user's password and read the connection string from the environment or a secret manager." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class DatabaseUrl extends SecretRule<SecretOptions> {}
