package dev.vetter.github.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake refuses, loudly, what GitHub would refuse: requests sent by hand, not by the client. */
class FakeGitHubTest {
  FakeGitHub gh;
  String token;
  HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void setUp() {
    gh = FakeGitHub.start();
    token = gh.userToken("someone");
    gh.repo("octo/hello").pull(1);
  }

  @AfterEach
  void tearDown() {
    gh.close();
  }

  HttpResponse<String> send(String method, String path, String body, boolean headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gh.apiUrl() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (headers) b.header("Accept", "application/vnd.github+json").header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aBodyAgainstTheSchemaIs422AndAViolation() throws Exception {
    HttpResponse<String> r = send("POST", "/repos/octo/hello/check-runs", "{\"name\":\"vetter\",\"status\":\"done\"}", true);
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(gh.violations()).anySatisfy(v -> assertThat(v).contains("head_sha")).anySatisfy(v -> assertThat(v).contains("status"));
    assertThat(gh.repo("octo/hello").checkRuns()).isEmpty();
  }

  @Test
  void anUndocumentedRouteOrParameterIsAViolation() throws Exception {
    assertThat(send("GET", "/repos/octo/hello/pulls/1/everything", null, true).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/repos/octo/hello/pulls?color=red", null, true).statusCode()).isEqualTo(422);
    assertThat(send("GET", "/repos/octo/hello/pulls/1", null, false).statusCode()).isEqualTo(422);
    assertThat(gh.violations()).hasSize(4)
        .anySatisfy(v -> assertThat(v).contains("no such operation"))
        .anySatisfy(v -> assertThat(v).contains("'color'"))
        .anySatisfy(v -> assertThat(v).contains("Accept"))
        .anySatisfy(v -> assertThat(v).contains("Authorization"));
  }

  @Test
  void aGraphQlDocumentOutsideGitHubsSchemaIsAViolation() throws Exception {
    String q = "{\"query\":\"query { repository(owner: \\\"octo\\\", name: \\\"hello\\\") { pullRequest(number: 1) { reviewThreadz { totalCount } } } }\"}";
    HttpResponse<String> r = send("POST", "/graphql", q, true);
    assertThat(r.body()).contains("errors");
    assertThat(gh.violations()).singleElement().asString().contains("reviewThreadz");
  }

  @Test
  void aValidRequestIsAnsweredFromTheState() throws Exception {
    HttpResponse<String> r = send("GET", "/repos/octo/hello/pulls/1", null, true);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"number\":1");
    assertThat(gh.violations()).isEmpty();
    assertThat(gh.requests()).singleElement().satisfies(rec -> assertThat(rec.operation()).isEqualTo("pulls/get"));
  }
}
