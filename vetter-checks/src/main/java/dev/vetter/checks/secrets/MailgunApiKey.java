package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/mailgun-api-key",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    version = 2,
    summary = "A Mailgun API or signing key assigned to a Mailgun-named variable.",
    rationale = SecretRule.RATIONALE,
    fix = "Rotate the key in the Mailgun dashboard (API Security) and create a new one." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class MailgunApiKey extends SecretRule<SecretOptions> {}
