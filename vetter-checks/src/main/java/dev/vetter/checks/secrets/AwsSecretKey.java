package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/aws-secret-key",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "An AWS secret access key assigned to an AWS-named key.",
    rationale = SecretRule.RATIONALE,
    fix = "Deactivate and delete the access key pair in IAM (Users → Security credentials) and check CloudTrail for its use." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class AwsSecretKey extends SecretRule<SecretOptions> {}
