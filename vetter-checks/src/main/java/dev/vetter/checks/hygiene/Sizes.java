package dev.vetter.checks.hygiene;

import java.util.Locale;

/** Byte counts for messages. */
final class Sizes {
  private Sizes() {}

  /** {@code 512 bytes}, {@code 12.3 KiB}, {@code 4.0 MiB}, {@code 1.2 GiB}. */
  static String human(long bytes) {
    if (bytes < 1024) return bytes + (bytes == 1 ? " byte" : " bytes");
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = -1;
    do {
      v /= 1024;
      u++;
    } while (v >= 1024 && u < units.length - 1);
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
