package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/gcp-service-account",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A Google Cloud service account key file (JSON with a private key).",
    rationale = SecretRule.RATIONALE,
    fix = "Delete the key in the Google Cloud console (IAM → Service accounts → Keys), and prefer workload identity federation over key files." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class GcpServiceAccount extends SecretRule<SecretOptions> {}
