package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/slack-webhook",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A Slack incoming-webhook or workflow URL (`https://hooks.slack.com/services/…`).",
    rationale = SecretRule.RATIONALE,
    fix = "Anyone with the URL can post to the channel: regenerate or remove the webhook in the Slack app's Incoming Webhooks settings." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class SlackWebhook extends SecretRule<SecretOptions> {}
