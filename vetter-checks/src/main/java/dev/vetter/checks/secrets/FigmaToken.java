package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/figma-token",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A Figma personal access token (`figd_…`).",
    rationale = SecretRule.RATIONALE,
    fix = "Revoke the token in Figma (Settings → Security → Personal access tokens) and create a new one." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class FigmaToken extends SecretRule<SecretOptions> {}
