package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/azure-storage-key",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "An Azure storage account key or shared access key in a connection string.",
    rationale = SecretRule.RATIONALE,
    fix = "Rotate the key under the storage account's Access keys (or the Service Bus / Event Hubs policy), and prefer Entra ID authentication or SAS tokens with an expiry." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class AzureStorageKey extends SecretRule<SecretOptions> {}
