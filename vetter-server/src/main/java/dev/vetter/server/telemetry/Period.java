package dev.vetter.server.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ends of a report's period as {@code vetter report --since/--until} and the Cockpit's filters read them. */
public final class Period {
  private static final Pattern AGO = Pattern.compile("(\\d{1,6})([hdw])");

  private Period() {}

  /**
   * A point in time from {@code 30d} (back from {@code now}), a date (its start, UTC) or an instant.
   *
   * @param option the setting's name, for the message ({@code --since})
   * @throws IllegalArgumentException naming {@code option} and the forms it accepts
   */
  public static Instant when(String option, String text, Instant now) {
    String t = text.strip();
    Matcher m = AGO.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration unit = switch (m.group(2)) {
        case "h" -> Duration.ofHours(1);
        case "d" -> Duration.ofDays(1);
        default -> Duration.ofDays(7);
      };
      if (n == 0) throw new IllegalArgumentException(option + " " + text + ": the period is empty");
      return now.minus(unit.multipliedBy(n));
    }
    try {
      return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException notADate) {
      try {
        return Instant.parse(t);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            option + " '" + text + "': expected a duration back from now (12h, 30d, 8w), a date (2024-05-01) or a time (2024-05-01T10:00:00Z)");
      }
    }
  }
}
