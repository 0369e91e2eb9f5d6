package dev.vetter.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BodyBudgetTest {
  @Test
  void reservesUpToTheLimitAndNoFurther() {
    BodyBudget budget = new BodyBudget(100);
    assertThat(budget.reserve(60)).isTrue();
    assertThat(budget.reserve(41)).as("would pass the limit").isFalse();
    assertThat(budget.reserve(40)).isTrue();
    assertThat(budget.reserve(1)).isFalse();
    budget.release(60);
    assertThat(budget.reserve(60)).isTrue();
  }

  @Test
  void alwaysAdmitsAtLeastOneMaximalBody() {
    assertThat(BodyBudget.forHeap(Integer.MAX_VALUE).reserve(Integer.MAX_VALUE)).isTrue();
  }
}
