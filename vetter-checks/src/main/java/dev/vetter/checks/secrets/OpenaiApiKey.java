package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/openai-api-key",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "An OpenAI API key (`sk-…T3BlbkFJ…`, `sk-proj-…`).",
    rationale = SecretRule.RATIONALE,
    fix = "Delete the key in the OpenAI platform (API keys) and create a new one, scoped to a project." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class OpenaiApiKey extends SecretRule<SecretOptions> {}
