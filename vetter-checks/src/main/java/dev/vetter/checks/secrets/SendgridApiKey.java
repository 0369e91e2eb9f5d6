package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/sendgrid-api-key",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A SendGrid API key (`SG.….…`).",
    rationale = SecretRule.RATIONALE,
    fix = "Delete the key in SendGrid (Settings → API Keys) and create a new one with restricted access." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class SendgridApiKey extends SecretRule<SecretOptions> {}
