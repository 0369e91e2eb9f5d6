package dev.vetter.server.queue;

/** Where a job is in its life. Done, skipped and dead are final; superseded ends a job whose head is no longer current. */
public enum JobState {
  QUEUED, RUNNING, DONE, SKIPPED, DEAD, SUPERSEDED;

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static JobState byId(String id) {
    return valueOf(id.toUpperCase(java.util.Locale.ROOT));
  }
}
