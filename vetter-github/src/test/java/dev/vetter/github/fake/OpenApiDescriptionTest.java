package dev.vetter.github.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The validator itself: it must reject what GitHub rejects, or the fake's checks prove nothing. */
class OpenApiDescriptionTest {
  static final ObjectMapper JSON = new ObjectMapper();
  final OpenApiDescription d = OpenApiDescription.load();

  static Map<String, List<String>> headers() {
    return Map.of("Accept", List.of("application/vnd.github+json"), "Authorization", List.of("Bearer x"), "User-Agent", List.of("t"),
        "Content-Type", List.of("application/json"), "X-GitHub-Api-Version", List.of("2022-11-28"));
  }

  @Test
  void findsTheMostSpecificOperation() {
    assertThat(d.find("PATCH", "/repos/o/r/pulls/comments/5").id()).isEqualTo("pulls/update-review-comment");
    assertThat(d.find("GET", "/repos/o/r/pulls/5/comments").id()).isEqualTo("pulls/list-review-comments");
    assertThat(d.find("GET", "/repos/o/r/contents/a/b/c.txt").id()).isEqualTo("repos/get-content");
    assertThat(d.find("GET", "/repos/o/r/nonsense")).isNull();
  }

  @Test
  void checksBodiesParametersAndHeaders() throws Exception {
    OpenApiDescription.Operation create = d.find("POST", "/repos/o/r/check-runs");
    byte[] good = JSON.writeValueAsBytes(Map.of("name", "vetter", "head_sha", "abc"));
    assertThat(d.checkRequest(create, Map.of("owner", "o", "repo", "r"), Map.of(), headers(), good)).isEmpty();
    byte[] noSha = JSON.writeValueAsBytes(Map.of("name", "vetter"));
    assertThat(d.checkRequest(create, Map.of("owner", "o", "repo", "r"), Map.of(), headers(), noSha)).singleElement().asString().contains("head_sha");
    byte[] badLevel = JSON.writeValueAsBytes(Map.of("name", "v", "head_sha", "a", "output", Map.of("title", "t", "summary", "s",
        "annotations", List.of(Map.of("path", "p", "start_line", 1, "end_line", 1, "annotation_level", "error", "message", "m")))));
    assertThat(d.checkRequest(create, Map.of("owner", "o", "repo", "r"), Map.of(), headers(), badLevel)).singleElement().asString().contains("annotation_level");

    OpenApiDescription.Operation files = d.find("GET", "/repos/o/r/pulls/1/files");
    assertThat(d.checkRequest(files, Map.of("owner", "o", "repo", "r", "pull_number", "x"), Map.of(), headers(), null))
        .singleElement().asString().contains("pull_number");
    assertThat(d.checkRequest(files, Map.of("owner", "o", "repo", "r", "pull_number", "1"), Map.of("per_page", List.of("100"), "bogus", List.of("1")), headers(), null))
        .singleElement().asString().contains("'bogus'");
    assertThat(d.checkRequest(files, Map.of("owner", "o", "repo", "r", "pull_number", "1"), Map.of(), Map.of("Accept", List.of("text/html")), null))
        .hasSize(3);
  }

  @Test
  void nullableBecomesATypeThatAdmitsNull() throws Exception {
    OpenApiDescription.Operation get = d.find("GET", "/repos/o/r/pulls/1");
    JsonNode example = d.example(get, 200);
    ((com.fasterxml.jackson.databind.node.ObjectNode) example).set("requested_teams", JSON.createArrayNode());
    assertThat(d.checkResponse(get, 200, example)).isEmpty();
    ((com.fasterxml.jackson.databind.node.ObjectNode) example).putNull("body"); // nullable: true in the description
    ((com.fasterxml.jackson.databind.node.ObjectNode) example).putNull("merged_at");
    assertThat(d.checkResponse(get, 200, example)).isEmpty();
    ((com.fasterxml.jackson.databind.node.ObjectNode) example).putNull("title"); // not nullable
    assertThat(d.checkResponse(get, 200, example)).singleElement().asString().contains("title");
  }
}
