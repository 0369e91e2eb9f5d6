package dev.vetter.ai.grounding;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a model may answer, as {@code answer.schema.json} describes it: statements, each tied to a finding or to
 * changed lines. The type holds prose and anchors only; nothing in it can express a verdict, a severity, a
 * rule mode, a waiver or a label, and an answer with any other field fails {@link AnswerParser}.
 */
public record ModelAnswer(List<Statement> statements) {
  public ModelAnswer {
    statements = statements == null ? List.of() : List.copyOf(statements);
  }

  /**
   * One statement and what it is about: a finding's fingerprint, or a line range of a changed file, or both.
   *
   * @param side "new" (head line numbers, the only ones accepted) or "old"; null means "new"
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Statement(String text, String finding, String path, Integer startLine, Integer endLine, String side) {

    public static Statement aboutFinding(String text, String fingerprint) {
      return new Statement(text, fingerprint, null, null, null, null);
    }

    public static Statement aboutLines(String text, String path, int startLine, int endLine) {
      return new Statement(text, null, path, startLine, endLine, null);
    }
  }
}
