package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/basic-auth-url",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    version = 2,
    summary = "A password written into a URL (`https://user:password@host`).",
    rationale = SecretRule.RATIONALE,
    fix = "Change the password on the server, and pass credentials through configuration or a credential helper instead of the URL." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class BasicAuthUrl extends SecretRule<SecretOptions> {}
