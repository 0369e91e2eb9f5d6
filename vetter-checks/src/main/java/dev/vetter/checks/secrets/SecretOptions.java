package dev.vetter.checks.secrets;

import dev.vetter.check.Doc;
import java.util.List;

/** The options of a built-in secret rule. */
public record SecretOptions(
    @Doc("RE2 patterns for secrets that are known and accepted (test keys, revoked samples); a secret any of them finds a match in is not reported")
    List<String> allow) implements SecretRule.Allowing {

  public SecretOptions {
    allow = AllowPatterns.validate("allow", allow);
  }

  public SecretOptions() {
    this(List.of());
  }
}
