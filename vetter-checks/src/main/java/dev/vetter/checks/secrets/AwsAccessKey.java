package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/aws-access-key",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "An AWS access key ID (`AKIA…`, `ASIA…`).",
    rationale = SecretRule.RATIONALE,
    fix = "Deactivate and delete the access key in IAM (Users → Security credentials), check CloudTrail for its use, and prefer roles or short-lived credentials." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class AwsAccessKey extends SecretRule<SecretOptions> {}
