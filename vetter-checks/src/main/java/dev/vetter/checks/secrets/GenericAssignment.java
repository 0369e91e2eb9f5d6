package dev.vetter.checks.secrets;

import dev.vetter.check.Category;
import dev.vetter.check.CheckInfo;
import dev.vetter.check.Doc;
import dev.vetter.check.Severity;
import java.util.List;

@CheckInfo(
    id = "secrets/generic-assignment",
    category = Category.SECURITY,
    severity = Severity.ERROR,
    version = 2,
    summary = "A high-entropy literal assigned to a name like password, secret, token or api_key.",
    rationale = SecretRule.RATIONALE,
    fix = "Change the credential wherever it is valid (it may be a database password, an API key of any service or a signing key). "
        + SecretRule.FIX,
    options = GenericAssignment.Options.class)
public final class GenericAssignment extends SecretRule<GenericAssignment.Options> {

  /** Thresholds for what counts as a real secret rather than a word or a sample. */
  public record Options(
      @Doc("RE2 patterns for accepted values; a value any of them finds a match in is not reported") List<String> allow,
      @Doc("minimum Shannon entropy of the value, in bits per character (random base64 is about 5-6, English words 2-3)") double minEntropy,
      @Doc("minimum length of the value") int minLength) implements SecretRule.Allowing {

    public Options {
      allow = AllowPatterns.validate("allow", allow);
      if (!(minEntropy >= 0 && minEntropy <= 8)) throw new IllegalArgumentException("min-entropy must be between 0 and 8, was " + minEntropy);
      if (minLength < 1) throw new IllegalArgumentException("min-length must be at least 1, was " + minLength);
    }

    public Options() {
      this(List.of(), 3.0, 8);
    }
  }

  @Override
  boolean keep(Candidate candidate, Options options) {
    String value = candidate.secret();
    return value.length() >= options.minLength() && Secrets.entropy(value) >= options.minEntropy();
  }
}
