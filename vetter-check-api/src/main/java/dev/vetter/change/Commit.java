package dev.vetter.change;

import java.util.List;

/** A commit that the change introduces (reachable from head, not from base). */
public record Commit(String id, List<String> parents, Person author, Person committer, String message) {
  public Commit {
    parents = List.copyOf(parents);
  }

  /** The first line of the message. */
  public String subject() {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  public boolean isMerge() {
    return parents.size() > 1;
  }
}
