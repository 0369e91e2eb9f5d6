package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/github-token",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A GitHub token: classic (`ghp_`) or fine-grained (`github_pat_`) personal access token, OAuth (`gho_`), app (`ghu_`, `ghs_`) or refresh (`ghr_`) token.",
    rationale = SecretRule.RATIONALE,
    fix = "Revoke the token in GitHub (Settings → Developer settings → Personal access tokens, or the OAuth / GitHub App settings); in Actions use the built-in `GITHUB_TOKEN` or a repository secret." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class GithubToken extends SecretRule<SecretOptions> {}
