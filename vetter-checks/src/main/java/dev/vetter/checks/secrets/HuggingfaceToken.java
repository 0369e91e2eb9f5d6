package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/huggingface-token",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A Hugging Face user access token (`hf_…`) or organization token (`api_org_…`).",
    rationale = SecretRule.RATIONALE,
    fix = "Invalidate the token in Hugging Face (Settings → Access Tokens) and create a new one." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class HuggingfaceToken extends SecretRule<SecretOptions> {}
