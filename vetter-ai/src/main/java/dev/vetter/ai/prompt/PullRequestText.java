package dev.vetter.ai.prompt;

/** What the author wrote about a change: untrusted, fenced and redacted like the code. Either part may be empty. */
public record PullRequestText(String title, String body) {
  public static final PullRequestText NONE = new PullRequestText("", "");

  public PullRequestText {
    title = title == null ? "" : title;
    body = body == null ? "" : body;
  }
}
