package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/databricks-token",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A Databricks personal access token (`dapi…`).",
    rationale = SecretRule.RATIONALE,
    fix = "Revoke the token in the Databricks workspace (User settings → Developer → Access tokens) and prefer OAuth machine-to-machine credentials." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class DatabricksToken extends SecretRule<SecretOptions> {}
