package dev.vetter.policy;

import java.time.LocalDate;
import java.util.List;

/**
 * The waivers of {@code .vetter/waivers.yml}, read at the base of a change (never from the change under review) and
 * checked against the policy's limits by {@link WaiversLoader}.
 */
public record Waivers(List<Waiver> entries) {
  /** The waivers file's path in the repository. */
  public static final String FILE = ".vetter/waivers.yml";
  public static final Waivers NONE = new Waivers(List.of());

  public Waivers {
    entries = List.copyOf(entries);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The entries that no longer apply on {@code today}. */
  public List<Waiver> expiredOn(LocalDate today) {
    return entries.stream().filter(w -> w.expiredOn(today)).toList();
  }

  /** The entries that apply on {@code today} and expire within {@code days} days of it. */
  public List<Waiver> expiringWithin(LocalDate today, int days) {
    return entries.stream().filter(w -> !w.expiredOn(today) && w.expires().isBefore(today.plusDays(days + 1L))).toList();
  }
}
