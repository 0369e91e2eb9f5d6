package dev.vetter.github.client;

import static java.util.Objects.requireNonNull;

import dev.vetter.github.GitHubApi;
import dev.vetter.github.GitHubConnector;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;

/**
 * GitHub with one token (a personal access token, fine-grained or classic): a single installation named
 * {@link GitHubConnector#TOKEN}; its repositories are those configured, else every one the token can see
 * ({@code GET /user/repos}); the bot login is the token's user ({@code GET /user}).
 */
public final class TokenConnector implements GitHubConnector {
  private final HttpGitHubApi api;
  private volatile String botLogin;

  /** @param repositories {@code owner/name}s to sweep; empty: every repository the token can see */
  public TokenConnector(URI apiUrl, String token, List<String> repositories, HttpClient http, ClientOptions options, Timing timing) {
    requireNonNull(token, "token == null");
    List<String> configured = List.copyOf(repositories);
    Credentials fixed = new Credentials() {
      @Override
      public String token() {
        return token;
      }

      @Override
      public boolean invalidate(String t) {
        return false;
      }
    };
    HttpGitHubApi[] self = new HttpGitHubApi[1];
    this.api = new HttpGitHubApi(new Transport(TOKEN, http, fixed, options, timing), apiUrl, options.notFoundRetries(),
        () -> configured.isEmpty() ? self[0].userRepositories() : configured);
    self[0] = api;
  }

  public TokenConnector(URI apiUrl, String token, List<String> repositories) {
    this(apiUrl, token, repositories, AppConnector.defaultHttpClient(), ClientOptions.defaults(), Timing.system());
  }

  /** The one API, whatever the name (events for a token-run Vetter name the repository owner as installation). */
  @Override
  public GitHubApi installation(String installation) {
    return api;
  }

  @Override
  public List<String> installations() {
    return List.of(TOKEN);
  }

  @Override
  public String botLogin() {
    String login = botLogin;
    if (login == null) {
      login = api.get("/user").path("login").asText();
      botLogin = login;
    }
    return login;
  }
}
