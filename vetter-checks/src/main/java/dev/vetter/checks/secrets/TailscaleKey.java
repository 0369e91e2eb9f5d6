package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/tailscale-key",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A Tailscale auth, API, OAuth client, webhook or SCIM key (`tskey-…`).",
    rationale = SecretRule.RATIONALE,
    fix = "Revoke the key in the Tailscale admin console (Settings → Keys) and create a new one, preferably ephemeral or short-lived." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class TailscaleKey extends SecretRule<SecretOptions> {}
