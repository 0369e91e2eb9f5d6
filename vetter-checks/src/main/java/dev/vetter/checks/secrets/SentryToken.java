package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/sentry-token",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A Sentry organization or user auth token (`sntrys_…`, `sntryu_…`).",
    rationale = SecretRule.RATIONALE,
    fix = "Revoke the token in Sentry (Settings → Auth Tokens) and create a new one." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class SentryToken extends SecretRule<SecretOptions> {}
