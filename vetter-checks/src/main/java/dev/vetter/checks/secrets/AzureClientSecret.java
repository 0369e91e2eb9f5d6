package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/azure-client-secret",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "An Azure AD (Entra ID) application client secret (`…Q~…`).",
    rationale = SecretRule.RATIONALE,
    fix = "Delete the secret under App registrations → Certificates & secrets and add a new one, or switch to a managed identity." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class AzureClientSecret extends SecretRule<SecretOptions> {}
