package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/heroku-api-key",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A Heroku API key (`HRKU-…`, or a key assigned to a Heroku-named variable).",
    rationale = SecretRule.RATIONALE,
    fix = "Regenerate the API key in Heroku (Account settings → API Key) or revoke the authorization with `heroku authorizations:revoke`." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class HerokuApiKey extends SecretRule<SecretOptions> {}
