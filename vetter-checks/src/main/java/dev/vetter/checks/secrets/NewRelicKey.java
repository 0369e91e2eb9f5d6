package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/new-relic-key",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A New Relic user API key (`NRAK-…`) or insert key (`NRII-…`).",
    rationale = SecretRule.RATIONALE,
    fix = "Delete the key in New Relic (API keys) and create a new one." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class NewRelicKey extends SecretRule<SecretOptions> {}
