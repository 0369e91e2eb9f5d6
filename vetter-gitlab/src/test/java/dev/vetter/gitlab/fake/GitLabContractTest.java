package dev.vetter.gitlab.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract table turns away what GitLab would, so the fake cannot pass a request GitLab rejects. */
class GitLabContractTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static Optional<String> check(String method, String path, Map<String, String> query, String body) throws Exception {
    var match = GitLabContract.match(method, path).orElseThrow(() -> new AssertionError("no endpoint " + method + " " + path));
    JsonNode json = body == null ? null : JSON.readTree(body);
    return GitLabContract.check(match.getKey(), query, json);
  }

  @Test
  void pathParametersAreDecoded() {
    var m = GitLabContract.match("GET", "/projects/acme%2Fapp/repository/files/src%2Fa%20b.txt/raw").orElseThrow();
    assertThat(m.getValue()).containsExactly("acme/app", "src/a b.txt");
    assertThat(GitLabContract.match("DELETE", "/projects/acme%2Fapp/merge_requests/1/notes/2")).as("Vetter never deletes").isEmpty();
  }

  @Test
  void statusStateIsRequiredAndAnEnum() throws Exception {
    String path = "/projects/1/statuses/" + "a".repeat(40);
    assertThat(check("POST", path, Map.of(), "{\"state\":\"running\",\"name\":\"vetter\"}")).isEmpty();
    assertThat(check("POST", path, Map.of(), "{\"name\":\"vetter\"}")).contains("state is missing");
    assertThat(check("POST", path, Map.of(), "{\"state\":\"in_progress\"}")).contains("state does not have a valid value");
    assertThat(check("POST", path, Map.of(), "{\"state\":\"failed\",\"conclusion\":\"failure\"}")).hasValueSatisfying(s -> assertThat(s).contains("conclusion is not a documented"));
  }

  @Test
  void diffPositionsNeedTheirShasAndAKnownType() throws Exception {
    String path = "/projects/1/merge_requests/3/discussions";
    String shas = "\"base_sha\":\"a\",\"start_sha\":\"b\",\"head_sha\":\"c\"";
    assertThat(check("POST", path, Map.of(), "{\"body\":\"x\",\"position\":{" + shas + ",\"position_type\":\"text\",\"new_path\":\"f\",\"new_line\":3}}")).isEmpty();
    assertThat(check("POST", path, Map.of(), "{\"body\":\"x\"}")).as("a thread without position").isEmpty();
    assertThat(check("POST", path, Map.of(), "{\"body\":\"x\",\"position\":{\"position_type\":\"text\",\"new_line\":3}}")).contains("position[base_sha] is missing");
    assertThat(check("POST", path, Map.of(), "{\"body\":\"x\",\"position\":{" + shas + ",\"position_type\":\"line\"}}"))
        .contains("position.position_type does not have a valid value");
    assertThat(check("POST", path, Map.of(), "{\"body\":\"x\",\"position\":{" + shas + ",\"position_type\":\"text\",\"new_line\":\"three\"}}"))
        .contains("position.new_line is invalid");
    assertThat(check("POST", path, Map.of(), "{\"position\":{" + shas + ",\"position_type\":\"text\"}}")).contains("body is missing");
  }

  @Test
  void queryParametersAreChecked() throws Exception {
    assertThat(check("GET", "/groups/acme/merge_requests", Map.of("state", "opened", "scope", "all", "per_page", "100", "page", "1"), null)).isEmpty();
    assertThat(check("GET", "/groups/acme/merge_requests", Map.of("state", "open"), null)).contains("state does not have a valid value");
    assertThat(check("PUT", "/projects/1/merge_requests/3/discussions/abc", Map.of(), "{}")).contains("resolved is missing");
    assertThat(check("PUT", "/projects/1/merge_requests/3/discussions/abc", Map.of(), "{\"resolved\":\"yes\"}")).contains("resolved is invalid");
  }
}
