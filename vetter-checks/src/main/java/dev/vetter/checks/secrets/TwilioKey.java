package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/twilio-key",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A Twilio API key SID (`SK…`) or an auth token assigned to a Twilio-named variable.",
    rationale = SecretRule.RATIONALE,
    fix = "Delete the API key (Console → Account → API keys) or rotate the auth token (Console → Account info)." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class TwilioKey extends SecretRule<SecretOptions> {}
