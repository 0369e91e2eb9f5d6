package dev.vetter.eval;

import java.util.Arrays;
import java.util.Collection;

/**
 * Percentiles of a sample by linear interpolation between the closest ranks, as {@code numpy.percentile}'s
 * default (Hyndman and Fan's type 7): the median of an even number of values is the mean of the middle two,
 * so figures can be checked with any spreadsheet or numpy.
 */
public final class Percentile {
  private Percentile() {}

  /** The {@code p}-th percentile ({@code 0 <= p <= 100}) of {@code values}; 0 for none. */
  public static double of(Collection<? extends Number> values, double p) {
    double[] a = values.stream().mapToDouble(Number::doubleValue).toArray();
    return of(a, p);
  }

  /** The {@code p}-th percentile of {@code values} (not changed); 0 for none. */
  public static double of(double[] values, double p) {
    if (p < 0 || p > 100) throw new IllegalArgumentException("a percentile is between 0 and 100, not " + p);
    if (values.length == 0) return 0;
    double[] a = values.clone();
    Arrays.sort(a);
    double rank = p / 100 * (a.length - 1);
    int below = (int) Math.floor(rank);
    int above = Math.min(a.length - 1, below + 1);
    // rounded to nine decimals: 9.1, not 9.100000000000001, in every output
    return Math.round((a[below] + (rank - below) * (a[above] - a[below])) * 1e9) / 1e9;
  }

  public static double median(Collection<? extends Number> values) {
    return of(values, 50);
  }

  public static double p90(Collection<? extends Number> values) {
    return of(values, 90);
  }
}
