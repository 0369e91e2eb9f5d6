package dev.vetter.conventions;

import dev.vetter.check.Mode;
import dev.vetter.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether the repository's build runs PMD itself. Where it does not, and the policy names no rulesets, {@code java/pmd}
 * would run PMD's quickstart: Vetter's choice, not the team's, so it stays in shadow. Labelled on the evaluation set's
 * merged pull requests, PMD's quickstart on builds without PMD was worth raising for 21 of 116 sampled findings.
 */
final class BuildAnalyzers {
  static final String PMD = "java/pmd";

  private BuildAnalyzers() {}

  static List<Policy.Inferred> infer(Conventions.Base base, Policy policy) {
    Policy.RuleSettings written = policy.rules().get(PMD);
    if (written != null && (written.mode() != null || written.options().path("rulesets").size() > 0)) return List.of();
    List<String> builds = new ArrayList<>();
    for (String path : base.files().keySet()) {
      String name = path.substring(path.lastIndexOf('/') + 1);
      if (name.equals("pom.xml") || name.equals("build.gradle") || name.equals("build.gradle.kts")) builds.add(path);
    }
    if (builds.isEmpty()) builds = List.of("pom.xml", "build.gradle", "build.gradle.kts"); // no listing (a forge): the root's
    boolean anyBuild = false;
    for (String path : builds) {
      Optional<String> text = base.text(path);
      if (text.isEmpty()) continue;
      anyBuild = true;
      String t = text.get();
      if (t.contains("maven-pmd-plugin") || t.contains("id 'pmd'") || t.contains("id \"pmd\"") || t.contains("apply plugin: 'pmd'")
          || t.contains("`pmd`") || t.contains("id(\"pmd\")")) {
        return List.of();
      }
    }
    if (!anyBuild) return List.of(); // no Java build at all: java/pmd has nothing to say either way
    return List.of(new Policy.Inferred(PMD, List.of(), new Policy.RuleSettings(null, null, Mode.SHADOW, null),
        "the build at base does not run PMD (no maven-pmd-plugin, no Gradle pmd plugin) and the policy names no rulesets: PMD's "
            + "quickstart would be Vetter's choice, not the team's; rules: {java/pmd: {mode: comment}} posts it"));
  }
}
