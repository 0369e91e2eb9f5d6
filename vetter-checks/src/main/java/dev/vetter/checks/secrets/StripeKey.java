package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/stripe-key",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A Stripe secret or restricted key (`sk_live_`, `rk_live_`, `sk_test_`, …) or webhook signing secret (`whsec_`).",
    rationale = SecretRule.RATIONALE,
    fix = "Roll the key in the Stripe Dashboard (Developers → API keys; webhooks: roll the signing secret) and review recent API activity." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class StripeKey extends SecretRule<SecretOptions> {}
