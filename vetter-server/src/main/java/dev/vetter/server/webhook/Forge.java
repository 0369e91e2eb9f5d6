package dev.vetter.server.webhook;

/** The code hosts Vetter receives events from. Stored by {@link #id()}. */
public enum Forge {
  GITHUB("github"),
  GITLAB("gitlab");

  private final String id;

  Forge(String id) {
    this.id = id;
  }

  /** The lower-case name used in the database, metrics labels and routes. */
  public String id() {
    return id;
  }

  public static Forge byId(String id) {
    for (Forge f : values()) if (f.id.equals(id)) return f;
    throw new IllegalArgumentException("unknown forge '" + id + "'");
  }
}
