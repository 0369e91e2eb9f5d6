package dev.vetter.checks.deps;

import java.util.Locale;

/** A package ecosystem, named as the OSV schema names it. */
enum Ecosystem {
  MAVEN("Maven"), NPM("npm"), PYPI("PyPI"), GO("Go"), CRATES_IO("crates.io"), RUBYGEMS("RubyGems");

  private final String osvName;

  Ecosystem(String osvName) {
    this.osvName = osvName;
  }

  /** The name in OSV records' {@code affected[].package.ecosystem}, also shown in messages. */
  String osvName() {
    return osvName;
  }

  /** The ecosystem an OSV record names, or null for one Vetter does not read (e.g. {@code Debian:12}). */
  static Ecosystem ofOsv(String name) {
    for (Ecosystem e : values()) {
      if (e.osvName.equals(name)) return e;
    }
    return null;
  }

  /**
   * {@code name} as the ecosystem compares names: PyPI names are case-insensitive and treat runs of
   * {@code -}, {@code _} and {@code .} alike (PEP 503); crates.io treats {@code -} and {@code _} alike;
   * npm, Maven, Go and RubyGems names are compared as written.
   */
  String normalize(String name) {
    return switch (this) {
      case PYPI -> name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
      case CRATES_IO -> name.toLowerCase(Locale.ROOT).replace('_', '-');
      default -> name;
    };
  }
}
