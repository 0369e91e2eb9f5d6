package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/slack-token",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A Slack bot, user, app, configuration or legacy token (`xoxb-`, `xoxp-`, `xapp-`, …).",
    rationale = SecretRule.RATIONALE,
    fix = "Revoke the token (api.slack.com → Your apps → OAuth & Permissions, or `auth.revoke`) and reinstall the app to get a new one." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class SlackToken extends SecretRule<SecretOptions> {}
