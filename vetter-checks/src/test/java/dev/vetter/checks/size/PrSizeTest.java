package dev.vetter.checks.size;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrSizeTest {

  @Test
  void labels() {
    List<Integer> t = new PrSize.Options().thresholds();
    assertThat(List.of(0, 9, 10, 29, 30, 99, 100, 499, 500, 999, 1000, 50_000).stream().map(n -> PrSize.label(n, t)).toList())
        .containsExactly("XS", "XS", "S", "S", "M", "M", "L", "L", "XL", "XL", "XXL", "XXL");
  }

  @Test
  void optionsAreValidated() {
    assertThatThrownBy(() -> new PrSize.Options(List.of(10, 5, 100, 500, 1000), "L", 50, 800, List.of(), true, true))
        .hasMessageContaining("ascending");
    assertThatThrownBy(() -> new PrSize.Options(List.of(10, 30, 100, 500, 1000), "HUGE", 50, 800, List.of(), true, true))
        .hasMessageContaining("allowed values");
    assertThatThrownBy(() -> new PrSize.Options(List.of(10, 30, 100, 500, 1000), "L", 50, 800, List.of("a{"), true, true))
        .hasMessageContaining("exclude");
  }
}
