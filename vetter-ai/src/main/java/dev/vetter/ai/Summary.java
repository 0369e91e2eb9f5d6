package dev.vetter.ai;

import dev.vetter.ai.grounding.Grounding;
import dev.vetter.ai.grounding.ModelAnswer;
import dev.vetter.ai.map.ChangeMap;
import dev.vetter.ai.prompt.Prompt;
import java.util.List;
import java.util.Map;

/**
 * A change's summary: always the deterministic change map; with a model, grounded and scrubbed statements too. It
 * carries no verdict: the review's conclusion is the {@code ReviewResult}'s alone.
 *
 * @param walkthrough the model's statements that survived grounding and scrubbing, in the model's order; empty without a model
 * @param note why there is no walkthrough (model off, failed, late, ungrounded), or null when there is one
 * @param dropped statements of the model's answer dropped, by reason
 * @param omitted the files whose hunks the model did not see, and why
 */
public record Summary(
    ChangeMap map,
    Source source,
    List<ModelAnswer.Statement> walkthrough,
    String note,
    Usage usage,
    Map<Grounding.Drop, Integer> dropped,
    List<Prompt.Omitted> omitted) {

  public Summary {
    walkthrough = List.copyOf(walkthrough);
    dropped = Map.copyOf(dropped);
    omitted = List.copyOf(omitted);
  }

  /** Where the summary's words come from. */
  public enum Source {
    /** The change map only: no model was asked (the policy's {@code ai.enabled} is off, or none was given). */
    DETERMINISTIC,
    /** The change map and a model's grounded statements. */
    MODEL,
    /** The change map only, because the model failed, answered late or outside the schema; {@link #note} says which. */
    FALLBACK
  }

  /**
   * What the model cost this review.
   *
   * @param model the model's name, null when none was asked
   * @param calls calls made (0 for an answer from the cache)
   * @param inputTokens as the provider counted them, else Vetter's estimate of what was sent
   */
  public record Usage(String model, int calls, int inputTokens, int outputTokens, boolean cached) {
    public static final Usage NONE = new Usage(null, 0, 0, 0, false);
  }

  static Summary deterministic(ChangeMap map, String note) {
    return new Summary(map, Source.DETERMINISTIC, List.of(), note, Usage.NONE, Map.of(), List.of());
  }
}
