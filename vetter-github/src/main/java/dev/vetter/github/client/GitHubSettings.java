package dev.vetter.github.client;

import dev.vetter.github.GitHubConnector;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How {@code vetter serve} reaches GitHub, from its environment: {@code VETTER_GITHUB_TOKEN} (a token), or
 * {@code VETTER_GITHUB_APP_ID} with {@code VETTER_GITHUB_PRIVATE_KEY_FILE} (a GitHub App); {@code VETTER_GITHUB_API_URL}
 * (default {@code https://api.github.com}; GitHub Enterprise Server: {@code https://HOST/api/v3});
 * {@code VETTER_GITHUB_REPOSITORIES} (token only: {@code owner/name,…} to sweep, default every repository the token
 * sees); {@code VETTER_GITHUB_WRITE_PAUSE_MILLIS} (default 1000). A bad setting is one line naming it; no message
 * ever contains the token or key.
 */
public final class GitHubSettings {
  private GitHubSettings() {}

  /**
   * The outcome: a connector, nothing (GitHub not configured), or an error.
   *
   * @param description what was configured, safe to print
   */
  public record Result(GitHubConnector connector, String description, String error) {
    public boolean configured() {
      return connector != null;
    }
  }

  public static Result fromEnvironment(Map<String, String> env) {
    return fromEnvironment(env, AppConnector.defaultHttpClient(), ClientOptions.defaults(), Timing.system());
  }

  public static Result fromEnvironment(Map<String, String> env, HttpClient http, ClientOptions options, Timing timing) {
    try {
      return load(env, http, options, timing);
    } catch (Invalid e) {
      return new Result(null, null, e.getMessage());
    }
  }

  private static final class Invalid extends RuntimeException {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  private static Result load(Map<String, String> env, HttpClient http, ClientOptions options, Timing timing) {
    String token = value(env, "VETTER_GITHUB_TOKEN");
    String appId = value(env, "VETTER_GITHUB_APP_ID");
    String keyFile = value(env, "VETTER_GITHUB_PRIVATE_KEY_FILE");
    String repositories = value(env, "VETTER_GITHUB_REPOSITORIES");
    URI api = apiUrl(env);
    String pause = value(env, "VETTER_GITHUB_WRITE_PAUSE_MILLIS");
    if (pause != null) {
      try {
        long ms = Long.parseLong(pause.strip());
        if (ms < 0 || ms > 60_000) throw new NumberFormatException();
        options = options.withWritePause(Duration.ofMillis(ms));
      } catch (NumberFormatException e) {
        throw new Invalid("VETTER_GITHUB_WRITE_PAUSE_MILLIS: expected milliseconds from 0 to 60000, got '" + pause + "'");
      }
    }
    if (token != null && (appId != null || keyFile != null)) {
      throw new Invalid("VETTER_GITHUB_TOKEN and VETTER_GITHUB_APP_ID/VETTER_GITHUB_PRIVATE_KEY_FILE are both set: use a token or a GitHub App, not both");
    }
    if (token != null) {
      String t = token.strip();
      if (t.chars().anyMatch(Character::isWhitespace)) throw new Invalid("VETTER_GITHUB_TOKEN contains whitespace; give the token alone");
      List<String> repos = repositories(repositories);
      return new Result(new TokenConnector(api, t, repos, http, options, timing),
          "GitHub token at " + api + (repos.isEmpty() ? "" : " for " + repos.size() + " repositories"), null);
    }
    if (appId == null && keyFile == null) {
      if (repositories != null) throw new Invalid("VETTER_GITHUB_REPOSITORIES is set but VETTER_GITHUB_TOKEN is not: it lists what a token sweeps");
      return new Result(null, "GitHub not configured", null);
    }
    if (appId == null) throw new Invalid("VETTER_GITHUB_PRIVATE_KEY_FILE is set but VETTER_GITHUB_APP_ID is not: a GitHub App needs both");
    if (keyFile == null) throw new Invalid("VETTER_GITHUB_APP_ID is set but VETTER_GITHUB_PRIVATE_KEY_FILE is not: a GitHub App needs both");
    if (repositories != null) throw new Invalid("VETTER_GITHUB_REPOSITORIES applies to a token; a GitHub App sweeps the repositories of its installations");
    long id;
    try {
      id = Long.parseLong(appId.strip());
      if (id <= 0) throw new NumberFormatException();
    } catch (NumberFormatException e) {
      throw new Invalid("VETTER_GITHUB_APP_ID: expected the App's numeric id, got '" + appId + "'");
    }
    Path path = Path.of(keyFile.strip());
    String pem;
    try {
      if (Files.size(path) > 64 * 1024) throw new Invalid("VETTER_GITHUB_PRIVATE_KEY_FILE: " + path + " is too large for a private key");
      pem = Files.readString(path, StandardCharsets.US_ASCII);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new Invalid("VETTER_GITHUB_PRIVATE_KEY_FILE: cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
    }
    RSAPrivateKey key;
    try {
      key = PrivateKeys.parse(pem);
    } catch (PrivateKeys.InvalidKeyException e) {
      throw new Invalid("VETTER_GITHUB_PRIVATE_KEY_FILE: " + path + ": " + e.getMessage());
    }
    return new Result(new AppConnector(api, id, key, http, options, timing), "GitHub App " + id + " at " + api, null);
  }

  private static URI apiUrl(Map<String, String> env) {
    String v = value(env, "VETTER_GITHUB_API_URL");
    if (v == null) return URI.create("https://api.github.com");
    try {
      URI u = new URI(v.strip());
      if (!("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getHost() == null || u.getRawQuery() != null) {
        throw new URISyntaxException(v, "not an http(s) URL");
      }
      return URI.create(HttpGitHubApi.stripSlash(u.toString()));
    } catch (URISyntaxException e) {
      throw new Invalid("VETTER_GITHUB_API_URL: expected https://api.github.com or https://HOST/api/v3, got '" + v + "'");
    }
  }

  private static List<String> repositories(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) return out;
    for (String part : text.split(",")) {
      String r = part.strip();
      if (r.isEmpty()) continue;
      if (!r.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) throw new Invalid("VETTER_GITHUB_REPOSITORIES: expected owner/name[,owner/name…], got '" + r + "'");
      out.add(r);
    }
    return out;
  }

  private static String value(Map<String, String> env, String name) {
    String v = env.get(name);
    if (v == null) return null;
    if (v.isBlank()) throw new Invalid(name + " is set but empty; unset it or give a value");
    return v;
  }
}
