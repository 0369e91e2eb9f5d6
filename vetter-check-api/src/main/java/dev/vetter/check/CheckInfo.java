package dev.vetter.check;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A check's metadata, in one place on the check's class. {@code vetter rules}, {@code vetter explain},
 * the rule reference and PR comments all read it from here.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CheckInfo {
  /** {@code family/name}, lower-case words separated by dashes, e.g. {@code hygiene/trailing-whitespace}. */
  String id();

  Category category();

  Severity severity();

  /**
   * What the engine does with the findings unless the policy says otherwise: {@link Mode#BLOCK} only for
   * high-confidence security and correctness findings, {@link Mode#COMMENT} for the rest, {@link Mode#SHADOW}
   * for conventions a repository must choose first. Each default is justified in docs/rules.md.
   */
  Mode mode() default Mode.COMMENT;

  /** One line: what the check finds. */
  String summary();

  /** Why it matters (Markdown, a short paragraph). */
  String rationale();

  /** How to fix what it finds (Markdown, a short paragraph). */
  String fix();

  /** Bump when the check's results change for the same input, so cached results are not reused. */
  int version() default 1;

  /**
   * False when results depend on more than the change and the options, e.g. on a vulnerability
   * database on disk that is updated independently: the engine then never caches them.
   */
  boolean cacheable() default true;

  /**
   * The check's typed options: a record whose no-argument constructor gives the defaults and whose
   * canonical constructor rejects bad values with {@link IllegalArgumentException}. Each component
   * may carry {@link Doc}.
   */
  Class<? extends Record> options() default NoOptions.class;

  /**
   * True when the check reports findings under rules of its own, below its id: a check that runs
   * another tool, such as {@code java/checkstyle}, names each finding after the tool's rule with
   * {@link Finding#withRule}, e.g. {@code java/checkstyle/LineLength}. The policy, suppressions and
   * the baseline then treat each such id as a rule of its own (enabled, severity), exactly as they do
   * other tools' findings read with {@code --input} ({@code external/<tool>/<rule>}). Sub-rule
   * segments keep the tool's spelling, case included.
   */
  boolean subRules() default false;
}
