package dev.vetter.eval;

/**
 * A proportion with its Wilson score interval at 95%: the interval to report for a precision measured on a few
 * dozen labelled findings, where the normal approximation would run past 0 or 1.
 *
 * @param successes e.g. findings labelled {@code tp}
 * @param trials e.g. findings labelled {@code tp}, {@code fp} or {@code noise}
 * @param low lower bound, 0 when there are no trials
 * @param high upper bound, 1 when there are no trials
 */
public record Wilson(int successes, int trials, double low, double high) {
  /** The normal quantile for a two-sided 95% interval. */
  static final double Z95 = 1.959963984540054;

  public Wilson {
    if (successes < 0 || trials < successes) throw new IllegalArgumentException("need 0 <= successes <= trials, got " + successes + "/" + trials);
  }

  /** {@code successes} of {@code trials}, with its 95% interval. */
  public static Wilson of(int successes, int trials) {
    if (trials == 0) return new Wilson(0, 0, 0, 1);
    double n = trials;
    double p = successes / n;
    double z2 = Z95 * Z95;
    double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    double half = Z95 / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    // clamped: at p = 0 or 1 rounding can put the bound a hair outside [0, 1]
    return new Wilson(successes, trials, Math.max(0, centre - half), Math.min(1, centre + half));
  }

  /** The point estimate, NaN when there are no trials. */
  public double value() {
    return trials == 0 ? Double.NaN : (double) successes / trials;
  }
}
