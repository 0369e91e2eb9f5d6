package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/gitlab-token",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A GitLab token (`glpat-`, `gloas-`, `gldt-`, `glrt-`, `glcbt-`, … or a runner registration token).",
    rationale = SecretRule.RATIONALE,
    fix = "Revoke the token in GitLab (User settings → Access tokens, or the project's / group's token settings) and create a new one." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class GitlabToken extends SecretRule<SecretOptions> {}
