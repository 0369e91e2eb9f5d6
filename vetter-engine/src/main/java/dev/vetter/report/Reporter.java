package dev.vetter.report;

import dev.vetter.engine.ReviewResult;
import java.io.IOException;

/** Writes a review's result in one output format. */
public interface Reporter {
  void write(ReviewResult result, Appendable out) throws IOException;
}
