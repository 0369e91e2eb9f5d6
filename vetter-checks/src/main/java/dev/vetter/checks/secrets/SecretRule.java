package dev.vetter.checks.secrets;

import dev.vetter.check.CheckInfo;
import dev.vetter.check.FileCheck;
import dev.vetter.check.FileContext;
import dev.vetter.check.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * The base of the built-in {@code secrets/…} rules. A rule class carries only its metadata
 * ({@code @CheckInfo}); its detectors live in {@link Catalog} under its id, and all rules share one scan
 * of each file ({@link Scanner}). A finding shows the secret masked and is keyed by a hash of it.
 *
 * @param <O> the rule's options: anything with an allow list
 */
public abstract class SecretRule<O extends Record & SecretRule.Allowing> implements FileCheck<O> {

  /** Options with an allow list of RE2 patterns for accepted secrets. */
  public interface Allowing {
    List<String> allow();
  }

  static final String RATIONALE = """
      A credential committed to a repository is readable by everyone who can clone it, in every fork \
      and copy, and stays in the history after the line is deleted. Automated scanners find leaked \
      keys within minutes of a push to a public repository.""";

  static final String FIX = """
      Treat the secret as compromised: revoke or rotate it first, then remove it from the change and \
      load it at run time from the environment or a secret manager. If it already reached a shared \
      branch, rewriting history does not un-leak it; rotation does. If the value is a harmless sample, \
      make it look like one (`<your-token>`, `${TOKEN}`, `xxxx`), or accept it with this rule's `allow` \
      option or `vetter:ignore <rule> <reason>`.""";

  // the rule id of each subclass, read once from its @CheckInfo
  private static final ClassValue<String> IDS = new ClassValue<>() {
    @Override
    protected String computeValue(Class<?> type) {
      CheckInfo info = type.getAnnotation(CheckInfo.class);
      if (info == null) throw new IllegalStateException(type.getName() + " has no @CheckInfo annotation");
      return info.id();
    }
  };

  @Override
  public final List<Finding> check(FileContext<O> file) {
    String id = IDS.get(getClass());
    List<Candidate> candidates = Scanner.BUILT_IN.scan(file.head());
    List<Finding> findings = new ArrayList<>();
    O options = file.options();
    for (Candidate c : candidates) {
      if (!c.rule().equals(id) || !keep(c, options) || AllowPatterns.allows(options.allow(), c.secret())) continue;
      findings.add(finding(file, id, c));
    }
    return findings;
  }

  /** Whether a candidate of this rule passes the rule's own options (beyond the allow list). */
  boolean keep(Candidate candidate, O options) {
    return true;
  }

  static Finding finding(FileContext<?> file, String rule, Candidate c) {
    String message = "Hard-coded " + c.label() + " `" + Secrets.mask(c.secret()) + "`.";
    Finding f = file.finding(c.line(), message).withColumn(c.start() + 1).withKey(Secrets.key(rule, c.secret()));
    return c.endLine() > c.line() ? f.withEndLine(c.endLine()) : f;
  }
}
