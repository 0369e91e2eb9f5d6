package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/terraform-cloud-token",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A Terraform Cloud / HCP Terraform API token (`….atlasv1.…`).",
    rationale = SecretRule.RATIONALE,
    fix = "Delete the token in HCP Terraform (User settings → Tokens, or the organization's / team's token) and create a new one." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class TerraformCloudToken extends SecretRule<SecretOptions> {}
