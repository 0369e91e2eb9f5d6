package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/rubygems-token",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A RubyGems API key (`rubygems_…`).",
    rationale = SecretRule.RATIONALE,
    fix = "Delete the key on rubygems.org (Settings → API keys) and create a new one, scoped to what it needs." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class RubygemsToken extends SecretRule<SecretOptions> {}
