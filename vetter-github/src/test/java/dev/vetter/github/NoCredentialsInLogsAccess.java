package dev.vetter.github;

import java.util.List;

/** Lets tests in other packages use {@link NoCredentialsInLogs#find}. */
public final class NoCredentialsInLogsAccess {
  private NoCredentialsInLogsAccess() {}

  public static List<String> find(String text) {
    return NoCredentialsInLogs.find(text);
  }
}
