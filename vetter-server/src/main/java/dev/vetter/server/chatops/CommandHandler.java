package dev.vetter.server.chatops;

import dev.vetter.forge.chatops.Ledger;
import dev.vetter.server.queue.Outcome;

/**
 * Carries out one command job on its forge (each forge's bot implements it around
 * {@link dev.vetter.forge.chatops.CommandRunner}). Thread-safe. A job may run again after a crash: the runner's receipt
 * marker and the audit log's one row per comment make that harmless. An exception counts as {@link Outcome.Retry}.
 */
@FunctionalInterface
public interface CommandHandler {
  Outcome handle(CommandJob job, Ledger ledger) throws Exception;
}
