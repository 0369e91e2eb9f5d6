package dev.vetter.check;

import java.util.List;

/**
 * A check that needs the whole change at once: the commits, or relations between files.
 *
 * @param <O> the check's options record ({@link NoOptions} when it has none)
 */
public non-sealed interface ChangeCheck<O extends Record> extends Check {

  /** Findings for the change; an empty list when there is nothing to say. */
  List<Finding> check(ChangeContext<O> change);
}
