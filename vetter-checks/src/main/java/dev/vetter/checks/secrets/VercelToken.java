package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/vercel-token",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A Vercel access, integration, app or AI Gateway token (`vcp_`, `vci_`, `vca_`, `vcr_`, `vck_`).",
    rationale = SecretRule.RATIONALE,
    fix = "Delete the token in Vercel (Account settings → Tokens, or the integration's settings) and create a new one." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class VercelToken extends SecretRule<SecretOptions> {}
