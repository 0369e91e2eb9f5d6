package dev.vetter.github.client;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.vetter.github.GitHubApi;
import dev.vetter.github.GitHubConnector;
import dev.vetter.github.GitHubException;
import dev.vetter.server.Log;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * GitHub as a GitHub App. The App authenticates with a JWT signed RS256 by its private key ({@code iat} 60 s in the
 * past for clock skew, {@code exp} 9 minutes ahead, under GitHub's 10-minute limit); each installation gets its own
 * token from {@code POST /app/installations/{id}/access_tokens}, cached and renewed {@link ClientOptions#renewBefore()}
 * before it expires, fetched once at a time per installation however many jobs ask. Each installation has one
 * {@link HttpGitHubApi}, so its rate-limit pause and write pacing cover all its jobs.
 */
public final class AppConnector implements GitHubConnector {
  static final Duration IAT_BACKDATE = Duration.ofSeconds(60);
  static final Duration JWT_LIFETIME = Duration.ofMinutes(9);

  private final URI apiUrl;
  private final long appId;
  private final RSASSASigner signer;
  private final HttpClient http;
  private final ClientOptions options;
  private final Timing timing;
  private final HttpGitHubApi app;
  private final ConcurrentHashMap<String, HttpGitHubApi> installations = new ConcurrentHashMap<>();
  private volatile String botLogin;

  public AppConnector(URI apiUrl, long appId, RSAPrivateKey key, HttpClient http, ClientOptions options, Timing timing) {
    this.apiUrl = requireNonNull(apiUrl, "apiUrl == null");
    this.appId = appId;
    this.signer = new RSASSASigner(requireNonNull(key, "key == null"));
    this.http = requireNonNull(http, "http == null");
    this.options = requireNonNull(options, "options == null");
    this.timing = requireNonNull(timing, "timing == null");
    Credentials jwt = new Credentials() {
      @Override
      public String token() {
        return jwt();
      }

      @Override
      public boolean invalidate(String token) {
        return false; // a fresh JWT would be the same; a 401 here is a wrong key, App id or clock
      }
    };
    this.app = new HttpGitHubApi(new Transport("app " + appId, http, jwt, options, timing), apiUrl, 0, List::of);
  }

  public AppConnector(URI apiUrl, long appId, RSAPrivateKey key) {
    this(apiUrl, appId, key, defaultHttpClient(), ClientOptions.defaults(), Timing.system());
  }

  static HttpClient defaultHttpClient() {
    // redirects are not followed: the Authorization header must not travel to another host
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** A fresh App JWT. */
  String jwt() {
    Instant now = timing.now();
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(Long.toString(appId))
        .issueTime(Date.from(now.minus(IAT_BACKDATE))).expirationTime(Date.from(now.plus(JWT_LIFETIME))).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign the App JWT: " + e.getClass().getSimpleName());
    }
    return jwt.serialize();
  }

  @Override
  public GitHubApi installation(String installation) {
    requireNonNull(installation, "installation == null");
    if (!installation.matches("[0-9]{1,19}")) throw new IllegalArgumentException("a GitHub App installation id is a number, got '" + installation + "'");
    return installations.computeIfAbsent(installation, id -> {
      InstallationToken token = new InstallationToken(id);
      HttpGitHubApi[] self = new HttpGitHubApi[1];
      self[0] = new HttpGitHubApi(new Transport("installation " + id, http, token, options, timing), apiUrl, options.notFoundRetries(),
          () -> self[0].installationRepositories());
      return self[0];
    });
  }

  /** Every installation of the App ({@code GET /app/installations}, every page). */
  @Override
  public List<String> installations() {
    List<String> out = new ArrayList<>();
    for (JsonNode i : app.list("/app/installations")) out.add(i.path("id").asText());
    return out;
  }

  /** {@code slug[bot]}, the login of the App's comments, from {@code GET /app}. */
  @Override
  public String botLogin() {
    String login = botLogin;
    if (login == null) {
      String slug = app.get("/app").path("slug").asText("");
      if (slug.isEmpty()) throw new GitHubException(0, "GET /app: no slug in GitHub's answer");
      login = slug + "[bot]";
      botLogin = login;
    }
    return login;
  }

  /** One installation's token: cached, renewed early, one request at a time. */
  private final class InstallationToken implements Credentials {
    private final String id;
    private final ReentrantLock lock = new ReentrantLock();
    private String token; // guarded by lock
    private Instant expiresAt;

    InstallationToken(String id) {
      this.id = id;
    }

    @Override
    public String token() {
      lock.lock();
      try {
        if (token != null && timing.now().isBefore(expiresAt.minus(options.renewBefore()))) return token;
        JsonNode answer = app.post("/app/installations/" + id + "/access_tokens");
        String t = answer.path("token").asText("");
        if (t.isEmpty()) throw new GitHubException(0, "POST /app/installations/" + id + "/access_tokens: no token in GitHub's answer");
        Instant expires;
        try {
          expires = Instant.parse(answer.path("expires_at").asText());
        } catch (DateTimeParseException e) {
          expires = timing.now().plus(Duration.ofMinutes(30)); // GitHub's tokens last an hour; be safe
        }
        token = t;
        expiresAt = expires;
        Log.info("GitHub installation " + id + ": new token, expires " + expires);
        return t;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public boolean invalidate(String rejected) {
      lock.lock();
      try {
        if (rejected.equals(token)) token = null;
        return true;
      } finally {
        lock.unlock();
      }
    }
  }
}
