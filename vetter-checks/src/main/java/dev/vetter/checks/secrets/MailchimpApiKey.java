package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/mailchimp-api-key",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A Mailchimp API key (`…-us12`).",
    rationale = SecretRule.RATIONALE,
    fix = "Disable the key in Mailchimp (Profile → Extras → API keys) and create a new one." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class MailchimpApiKey extends SecretRule<SecretOptions> {}
