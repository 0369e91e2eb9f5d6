package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/npm-token",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "An npm access token (`npm_…`) or a registry credential in `.npmrc`.",
    rationale = SecretRule.RATIONALE,
    fix = "Revoke the token with `npm token revoke` or on npmjs.com (Access Tokens), and reference `${NPM_TOKEN}` in `.npmrc` instead." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class NpmToken extends SecretRule<SecretOptions> {}
