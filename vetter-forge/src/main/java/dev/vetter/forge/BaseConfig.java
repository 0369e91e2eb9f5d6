package dev.vetter.forge;

import dev.vetter.engine.Baseline;
import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.Reviewer;
import dev.vetter.engine.UserError;
import dev.vetter.policy.Policy;
import dev.vetter.policy.PolicyLoader;
import dev.vetter.policy.Waivers;
import dev.vetter.policy.WaiversLoader;
import dev.vetter.policy.YamlSource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * What a bot reviews a pull or merge request with: the policy ({@value Reviewer#POLICY_FILE}), the baseline it
 * names and the waivers ({@value Waivers#FILE}), all read at the base through the forge's API, never from the head
 * under review. Both bots load them here, so they apply the same files with the same errors.
 *
 * @param policy the policy at the base (the defaults when the base has no policy file)
 * @param baseline the accepted findings the policy names ({@link Baseline#EMPTY} when it names none)
 * @param waivers the waivers at the base ({@link Waivers#NONE} when there is no waivers file)
 */
public record BaseConfig(Policy policy, Baseline baseline, Waivers waivers) {

  /** Reads a file at the base through the forge; empty when it does not exist there. Forge failures are thrown as they are. */
  @FunctionalInterface
  public interface FileAtBase {
    Optional<byte[]> read(String path);
  }

  /**
   * @param base how the base is named in messages and file names ({@code .vetter.yml@main}), a branch name or a short sha
   * @throws UserError when the policy or the waivers are invalid ({@link dev.vetter.policy.PolicyError}) or the baseline it names is missing
   *     or not a baseline: the repository's problem, to be reported where the review would go
   */
  public static BaseConfig read(CheckRegistry registry, FileAtBase files, String base) {
    Policy policy = policy(registry, files, base);
    Baseline baseline = baseline(policy, files, base);
    Waivers waivers = files.read(Waivers.FILE).map(bytes -> new WaiversLoader(registry, policy.waivers()).load(Waivers.FILE + "@" + base, bytes))
        .orElse(Waivers.NONE);
    return new BaseConfig(policy, baseline, waivers);
  }

  /** The policy file at the base, loaded against {@code registry}. */
  private static Policy policy(CheckRegistry registry, FileAtBase files, String base) {
    List<YamlSource> layers = files.read(Reviewer.POLICY_FILE).map(bytes -> List.of(YamlSource.decode(Reviewer.POLICY_FILE + "@" + base, bytes)))
        .orElse(List.of());
    return new PolicyLoader(registry).load(layers);
  }

  /** The baseline {@code policy} names, read at the base; none when it names none. */
  private static Baseline baseline(Policy policy, FileAtBase files, String base) {
    if (policy.baseline() == null) return Baseline.EMPTY;
    byte[] bytes = files.read(policy.baseline())
        .orElseThrow(() -> new UserError("the policy names the baseline " + policy.baseline() + ", which does not exist on " + base));
    return Baseline.parse(policy.baseline() + "@" + base, new String(bytes, StandardCharsets.UTF_8));
  }
}
