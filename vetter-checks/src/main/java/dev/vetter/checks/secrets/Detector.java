package dev.vetter.checks.secrets;

import dev.vetter.change.FileContent;
import java.util.List;

/**
 * One way to recognise one kind of credential. A detector runs on a line only when one of its keywords
 * occurs there (case-insensitively), so keywords must be something every match contains.
 */
interface Detector {

  /** The rules its findings belong to (usually one). */
  List<String> rules();

  /** Lower-case ASCII strings, one of which every match contains. */
  List<String> keywords();

  /** Adds what it finds on line {@code index} (0-based) of {@code file} to {@code out}. */
  void scan(FileContent file, int index, List<Candidate> out);

  /** Level of specificity: 0 overrides 1 overrides 2 overrides 3 where findings overlap. */
  int SPECIFIC = 1;
  int CONTEXTUAL = 2;
  int GENERIC = 3;
}
