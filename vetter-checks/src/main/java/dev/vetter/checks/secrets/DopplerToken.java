package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/doppler-token",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A Doppler personal, service or service account token (`dp.pt.…`, `dp.st.…`).",
    rationale = SecretRule.RATIONALE,
    fix = "Revoke the token in the Doppler dashboard and create a new one." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class DopplerToken extends SecretRule<SecretOptions> {}
