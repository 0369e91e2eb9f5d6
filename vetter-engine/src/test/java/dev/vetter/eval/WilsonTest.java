package dev.vetter.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The Wilson score interval against values worked out by hand (and by statsmodels' proportion_confint(method="wilson")). */
class WilsonTest {
  @Test
  void eightOfTen() {
    Wilson w = Wilson.of(8, 10);
    assertThat(w.value()).isEqualTo(0.8);
    assertThat(w.low()).isCloseTo(0.490, within(0.0005));
    assertThat(w.high()).isCloseTo(0.943, within(0.0005));
  }

  @Test
  void allOrNothingStaysInsideZeroAndOne() {
    Wilson none = Wilson.of(0, 10);
    assertThat(none.low()).isZero();
    assertThat(none.high()).isCloseTo(0.278, within(0.0005));
    Wilson all = Wilson.of(20, 20);
    assertThat(all.high()).isEqualTo(1.0);
    assertThat(all.low()).isCloseTo(0.839, within(0.0005));
  }

  @Test
  void aLargeSampleIsNarrow() {
    Wilson w = Wilson.of(950, 1000);
    assertThat(w.low()).isCloseTo(0.935, within(0.0005));
    assertThat(w.high()).isCloseTo(0.962, within(0.0005));
  }

  @Test
  void nothingLabelledSaysNothing() {
    Wilson w = Wilson.of(0, 0);
    assertThat(w.value()).isNaN();
    assertThat(w.low()).isZero();
    assertThat(w.high()).isEqualTo(1.0);
    assertThat(ReplayOutput.interval(w)).isEqualTo("-");
    assertThat(ReplayOutput.interval(Wilson.of(8, 10))).isEqualTo("0.80 [0.49, 0.94] 8/10");
  }

  @Test
  void moreSuccessesThanTrialsIsABug() {
    assertThatThrownBy(() -> Wilson.of(3, 2)).isInstanceOf(IllegalArgumentException.class);
  }
}
