package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/vault-token",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A HashiCorp Vault service, batch or recovery token (`hvs.`, `hvb.`, `hvr.`).",
    rationale = SecretRule.RATIONALE,
    fix = "Revoke the token with `vault token revoke` (or its accessor) and have clients log in to get short-lived tokens." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class VaultToken extends SecretRule<SecretOptions> {}
