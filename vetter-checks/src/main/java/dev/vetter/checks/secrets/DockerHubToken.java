package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/docker-hub-token",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A Docker Hub personal or organization access token (`dckr_pat_…`).",
    rationale = SecretRule.RATIONALE,
    fix = "Delete the token in Docker Hub (Account settings → Personal access tokens) and create a new one." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class DockerHubToken extends SecretRule<SecretOptions> {}
