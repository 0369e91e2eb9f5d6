package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/grafana-token",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A Grafana Cloud token, service account token (`glsa_…`) or API key.",
    rationale = SecretRule.RATIONALE,
    fix = "Delete the token in Grafana (Administration → Service accounts, or the Cloud portal's access policies) and create a new one." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class GrafanaToken extends SecretRule<SecretOptions> {}
