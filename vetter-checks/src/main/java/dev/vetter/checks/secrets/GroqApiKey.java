package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/groq-api-key",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A Groq API key (`gsk_…`).",
    rationale = SecretRule.RATIONALE,
    fix = "Delete the key in the Groq console (API Keys) and create a new one." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class GroqApiKey extends SecretRule<SecretOptions> {}
