package dev.vetter.github;

import java.util.List;

/**
 * How Vetter reaches GitHub: a GitHub App (one {@link GitHubApi} per installation, each with its own installation
 * token, rate-limit budget and posting pace) or a plain token (one installation, named {@link #TOKEN}).
 */
public interface GitHubConnector {
  /** The installation name used when Vetter runs with a plain token instead of an App. */
  String TOKEN = "token";

  /** The API for one installation (a GitHub App installation id, or {@link #TOKEN}). */
  GitHubApi installation(String installation);

  /** The installations to sweep for missed events ({@code GET /app/installations}; {@link #TOKEN} alone for a token). */
  List<String> installations();

  /** The login Vetter's own comments are written by (an App's {@code slug[bot]}, or the token's user). */
  String botLogin();
}
