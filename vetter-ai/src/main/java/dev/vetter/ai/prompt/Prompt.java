package dev.vetter.ai.prompt;

import java.util.List;

/**
 * What would be sent to a model for one change: two messages, every untrusted datum in them fenced and redacted.
 *
 * @param system the instructions; nothing from the change is in them
 * @param user the data: change map, findings, pull request text, commit messages and hunks, each fenced
 * @param estimatedTokens the input size as {@link TokenBudget#estimate} counts it; within the budget
 * @param findings the fingerprints of the findings shown, the only ones a statement may name
 * @param sentFiles the files whose hunks were sent, riskiest first
 * @param omitted the files whose hunks were not sent, each with why ("over budget", "lockfile", …)
 * @param redactions how many secrets were redacted before anything was put in the prompt
 */
public record Prompt(String system, String user, int estimatedTokens, List<String> findings, List<String> sentFiles, List<Omitted> omitted, int redactions) {
  public Prompt {
    findings = List.copyOf(findings);
    sentFiles = List.copyOf(sentFiles);
    omitted = List.copyOf(omitted);
  }

  /** A file left out of the prompt, and why. */
  public record Omitted(String path, String reason) {}
}
