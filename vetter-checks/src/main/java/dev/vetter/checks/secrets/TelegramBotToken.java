package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Mode;
import dev.vetter.check.Severity;

@CheckInfo(
    id = "secrets/telegram-bot-token",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    mode = Mode.BLOCK,
    version = 2,
    summary = "A Telegram bot token (`123456789:AA…`).",
    rationale = SecretRule.RATIONALE,
    fix = "Revoke the token with @BotFather (`/revoke`) and use the new one from configuration." + " " + SecretRule.FIX,
    options = SecretOptions.class)
public final class TelegramBotToken extends SecretRule<SecretOptions> {}
