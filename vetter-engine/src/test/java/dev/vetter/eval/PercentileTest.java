package dev.vetter.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Percentiles as numpy.percentile computes them by default (linear between closest ranks). */
class PercentileTest {
  @Test
  void asNumpyDoesIt() {
    List<Integer> oneToTen = List.of(7, 1, 2, 3, 4, 5, 6, 8, 9, 10);
    assertThat(Percentile.median(oneToTen)).isEqualTo(5.5); // numpy.percentile(range(1, 11), 50)
    assertThat(Percentile.p90(oneToTen)).isEqualTo(9.1, org.assertj.core.data.Offset.offset(1e-9)); // numpy: 9.1
    assertThat(Percentile.median(List.of(0, 0, 0, 1, 5))).isEqualTo(0);
    assertThat(Percentile.p90(List.of(0, 0, 0, 1, 5))).isEqualTo(3.4, org.assertj.core.data.Offset.offset(1e-9)); // numpy: 3.4
    assertThat(Percentile.of(oneToTen, 0)).isEqualTo(1);
    assertThat(Percentile.of(oneToTen, 100)).isEqualTo(10);
  }

  @Test
  void oneValueOrNone() {
    assertThat(Percentile.p90(List.of(4))).isEqualTo(4);
    assertThat(Percentile.median(List.<Integer>of())).isZero();
  }
}
