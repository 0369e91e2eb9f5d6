package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/anthropic-api-key",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "An Anthropic API key (`sk-ant-api03-…`, `sk-ant-admin01-…`).",
    rationale = SecretRule.RATIONALE,
    fix = "Delete the key in the Anthropic Console (Settings → API keys) and create a new one." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class AnthropicApiKey extends SecretRule<SecretOptions> {}
