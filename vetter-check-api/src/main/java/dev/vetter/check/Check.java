package dev.vetter.check;

/**
 * A deterministic review rule. Implement {@link FileCheck} for rules that look at one changed file
 * at a time (results are cached per file), or {@link ChangeCheck} for rules that need the whole
 * change (commits, cross-file relations). Annotate the class with {@link CheckInfo}.
 *
 * <p>One instance serves every file of every review, from several threads at once: keep no
 * mutable state in fields.
 */
public sealed interface Check permits FileCheck, ChangeCheck {

  /** The metadata of {@code check}'s class; fails with a clear message when the annotation is missing. */
  static CheckInfo info(Check check) {
    CheckInfo info = check.getClass().getAnnotation(CheckInfo.class);
    if (info == null) {
      throw new IllegalStateException(check.getClass().getName() + " has no @CheckInfo annotation");
    }
    return info;
  }

  /**
   * What the check's results depend on besides its {@link CheckInfo#version} and options, such as
   * the version of a library it runs; part of the cache key. Empty by default.
   */
  default String cacheKey() {
    return "";
  }
}
