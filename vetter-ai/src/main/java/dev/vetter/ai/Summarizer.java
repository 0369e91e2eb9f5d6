package dev.vetter.ai;

import dev.vetter.ai.grounding.AnswerParser;
import dev.vetter.ai.grounding.Grounding;
import dev.vetter.ai.grounding.Scrubber;
import dev.vetter.ai.map.ChangeMap;
import dev.vetter.ai.map.ChangeMapper;
import dev.vetter.ai.model.ModelFailure;
import dev.vetter.ai.model.SummaryModel;
import dev.vetter.ai.prompt.Prompt;
import dev.vetter.ai.prompt.PromptBuilder;
import dev.vetter.ai.prompt.PullRequestText;
import dev.vetter.change.ChangedFile;
import dev.vetter.change.DiffLine;
import dev.vetter.change.Hunk;
import dev.vetter.check.Finding;
import dev.vetter.engine.ReviewResult;
import dev.vetter.policy.Policy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Summarizes a reviewed change: the deterministic change map always, and, when the policy allows a model and one
 * is given, its grounded and scrubbed statements within the policy's budgets. Whatever the model does (fails,
 * answers late, outside the schema, or with nothing grounded) the summary still comes, with the map and a note
 * saying why; the review's result is never touched. One call of {@link #summarize} per review; thread-safe.
 */
public final class Summarizer {
  private final SummaryModel model;
  private final SummaryCache cache;
  private final RandomGenerator random;

  /**
   * @param model the model, or null for deterministic summaries only
   * @param random the source of the prompt's fence nonces
   */
  public Summarizer(SummaryModel model, SummaryCache cache, RandomGenerator random) {
    this.model = model;
    this.cache = cache;
    this.random = random;
  }

  /** A summarizer without a model: the change map only. */
  public static Summarizer deterministic() {
    return new Summarizer(null, SummaryCache.NONE, new SecureRandom());
  }

  public Summary summarize(ReviewResult result, PullRequestText pr, Scrubber scrubber) {
    ChangeMap map = ChangeMapper.map(result);
    Policy.Ai ai = result.policy().ai();
    if (!ai.enabled()) return Summary.deterministic(map, model == null ? null : "the policy does not enable ai");
    if (model == null) return Summary.deterministic(map, "no model is configured");

    Prompt prompt = new PromptBuilder(random).build(result, map, pr, ai.maxInputTokens());
    if (prompt.estimatedTokens() > ai.maxInputTokens()) {
      return fallback(map, prompt, Summary.Usage.NONE, "the prompt needs about " + prompt.estimatedTokens() + " tokens, over ai.max-input-tokens ("
          + ai.maxInputTokens() + ")");
    }
    Grounding grounding = new Grounding(result.change(), result.findings().stream().filter(f -> prompt.findings().contains(f.fingerprint())).toList());
    String key = cacheKey(result, pr, prompt, model.name(), ai);
    Optional<String> cached = cache.get(key);
    if (cached.isPresent()) {
      Optional<dev.vetter.ai.grounding.ModelAnswer> answer = AnswerParser.parse(cached.get()).answer();
      if (answer.isPresent()) return grounded(map, prompt, grounding.apply(answer.get(), scrubber), new Summary.Usage(model.name(), 0, 0, 0, true));
    }

    int calls = 0;
    int in = 0;
    int out = 0;
    String problem = null;
    while (calls < ai.maxCalls()) {
      calls++;
      SummaryModel.Completion c;
      try {
        c = model.complete(prompt.system(), prompt.user(), ai.maxOutputTokens());
      } catch (ModelFailure e) {
        problem = e.getMessage();
        if (!e.retriable()) break;
        continue;
      }
      in += c.inputTokens() > 0 ? c.inputTokens() : prompt.estimatedTokens();
      out += c.outputTokens();
      AnswerParser.Parsed parsed = AnswerParser.parse(c.text());
      if (parsed.answer().isPresent()) {
        cache.put(key, c.text());
        return grounded(map, prompt, grounding.apply(parsed.answer().get(), scrubber), new Summary.Usage(model.name(), calls, in, out, false));
      }
      problem = parsed.problem();
    }
    return fallback(map, prompt, new Summary.Usage(model.name(), calls, in, out, false), problem + " (" + calls + (calls == 1 ? " call)" : " calls)"));
  }

  private static Summary grounded(ChangeMap map, Prompt prompt, Grounding.Result r, Summary.Usage usage) {
    String note = r.kept().isEmpty() ? "none of the model's statements was tied to a finding or a changed line" : null;
    return new Summary(map, r.kept().isEmpty() ? Summary.Source.FALLBACK : Summary.Source.MODEL, r.kept(), note, usage, r.dropped(), prompt.omitted());
  }

  private static Summary fallback(ChangeMap map, Prompt prompt, Summary.Usage usage, String why) {
    return new Summary(map, Summary.Source.FALLBACK, List.of(), why, usage, java.util.Map.of(), prompt.omitted());
  }

  /**
   * The cache key: a hash of the diff (paths and hunk lines), the pull request's text, the fingerprints of the
   * findings shown, the model, the prompt version and the budgets that shape the prompt.
   */
  static String cacheKey(ReviewResult result, PullRequestText pr, Prompt prompt, String modelName, Policy.Ai ai) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      for (ChangedFile f : result.change().files()) {
        update(d, "file", String.valueOf(f.oldPath()), String.valueOf(f.newPath()), f.status().name());
        for (Hunk h : f.hunks()) {
          for (DiffLine l : h.lines()) update(d, l.kind().name(), l.oldNumber() + ":" + l.newNumber(), l.text());
        }
      }
      update(d, "pr", pr.title(), pr.body());
      for (var c : result.change().commits()) update(d, "commit", c.message());
      for (String fp : prompt.findings()) update(d, "finding", fp);
      for (Finding f : result.findings()) update(d, "message", String.valueOf(f.fingerprint()), f.message());
      update(d, "model", modelName, PromptBuilder.VERSION, String.valueOf(ai.maxInputTokens()), String.valueOf(ai.maxOutputTokens()));
      return HexFormat.of().formatHex(d.digest(), 0, 20);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(MessageDigest d, String... parts) {
    for (String p : parts) {
      d.update(p.getBytes(StandardCharsets.UTF_8));
      d.update((byte) 0);
    }
  }
}
