package dev.vetter.github.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vetter.github.GitHubApi;
import dev.vetter.github.GitHubApi.Annotation;
import dev.vetter.github.GitHubApi.CheckRunWrite;
import dev.vetter.github.GitHubApi.NewComment;
import dev.vetter.github.GitHubApi.ReviewThread;
import dev.vetter.github.GitHubApi.ReviewWrite;
import dev.vetter.github.GitHubApi.StatusWrite;
import dev.vetter.github.GitHubException;
import dev.vetter.github.fake.FakeGitHub;
import dev.vetter.github.fake.ManualTiming;
import dev.vetter.github.fake.TestKeys;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every {@link GitHubApi} method of {@link HttpGitHubApi} against the fake GitHub, which checks each request against GitHub's OpenAPI description. */
class HttpGitHubApiContractTest {
  static final String REPO = "octo/hello";
  static final String BASE = "1111111111111111111111111111111111111111";
  static final String HEAD = "2222222222222222222222222222222222222222";

  FakeGitHub gh;
  ManualTiming timing;
  AppConnector connector;
  GitHubApi api;

  @BeforeEach
  void setUp() {
    gh = FakeGitHub.start();
    timing = new ManualTiming();
    gh.clock(timing::now);
    TestKeys keys = TestKeys.shared();
    gh.app(77, "vetter", keys.publicKey()).installation("42", REPO);
    FakeGitHub.Pull pr = gh.repo(REPO).pull(7).title("Add greeting").body("Please review").author("alice").base("main", BASE).head("greet", HEAD)
        .file("src/Hello.java", "modified", "@@ -1,3 +1,4 @@\n class Hello {\n-  int a;\n+  int b;\n+  int c;\n }", "class Hello {\n  int b;\n  int c;\n}\n".getBytes(StandardCharsets.UTF_8))
        .file("logo.png", "added", null, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2})
        .commit(HEAD, "Add greeting", BASE);
    gh.repo(REPO).file(BASE, ".vetter.yml", "fail-on: error\n".getBytes(StandardCharsets.UTF_8));
    connector = new AppConnector(gh.apiUrl(), 77, keys.privateKey(), HttpClient.newHttpClient(), ClientOptions.defaults().withWritePause(Duration.ZERO), timing);
    api = connector.installation("42");
  }

  @AfterEach
  void tearDown() {
    if (gh == null) return;
    gh.violations().forEach(v -> System.out.println("VIOLATION " + v));
    gh.close();
  }

  @Test
  void readsAPullRequestItsFilesCommitsAndContents() {
    GitHubApi.PullRequest pr = api.pullRequest(REPO, 7);
    assertThat(pr).isEqualTo(new GitHubApi.PullRequest(7, "open", false, false, "Add greeting", "Please review", "alice", "main", BASE, "greet", HEAD, REPO,
        java.time.Instant.parse("2024-05-01T10:00:00Z")));

    List<GitHubApi.PullFile> files = api.pullFiles(REPO, 7);
    assertThat(files).extracting(GitHubApi.PullFile::filename).containsExactly("src/Hello.java", "logo.png");
    assertThat(files.get(0).additions()).isEqualTo(2);
    assertThat(files.get(0).deletions()).isEqualTo(1);
    assertThat(files.get(1).patch()).as("a binary file has no patch").isNull();

    assertThat(api.pullCommits(REPO, 7)).singleElement().satisfies(c -> {
      assertThat(c.sha()).isEqualTo(HEAD);
      assertThat(c.message()).isEqualTo("Add greeting");
      assertThat(c.parents()).containsExactly(BASE);
      assertThat(c.committerName()).isNotBlank();
      assertThat(c.committerDate()).isNotBlank();
    });

    assertThat(api.blob(REPO, files.get(0).sha())).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).contains("int c;"));
    assertThat(api.blob(REPO, files.get(1).sha())).hasValueSatisfying(b -> assertThat(b).containsExactly(0x89, 'P', 'N', 'G', 0, 1, 2));
    assertThat(api.blob(REPO, "3333333333333333333333333333333333333333")).isEmpty();
    assertThat(api.fileAt(REPO, BASE, ".vetter.yml")).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("fail-on: error\n"));
    assertThat(api.fileAt(REPO, BASE, "missing.txt")).isEmpty();
    assertThat(api.fileAt(REPO, HEAD, "src")).as("a directory is not a file").isEmpty();

    assertThat(api.mergeBase(REPO, "main", HEAD)).isEqualTo("main");
    gh.repo(REPO).mergeBase("main", HEAD, BASE);
    assertThat(api.mergeBase(REPO, "main", HEAD)).isEqualTo(BASE);
    assertThat(api.openPullRequests(REPO)).extracting(GitHubApi.PullRequest::number).containsExactly(7L);
    assertThat(api.repositories()).containsExactly(REPO);
    assertThat(gh.violations()).isEmpty();
  }

  @Test
  void aFileOverOneMegabyteIsReadThroughItsBlob() {
    byte[] big = new byte[1_500_000];
    java.util.Arrays.fill(big, (byte) 'x');
    gh.repo(REPO).file(BASE, "big.txt", big);
    assertThat(api.fileAt(REPO, BASE, "big.txt")).hasValueSatisfying(b -> assertThat(b).hasSize(1_500_000));
    assertThat(gh.requests()).anySatisfy(r -> assertThat(r.operation()).isEqualTo("git/get-blob"));
    assertThat(gh.violations()).isEmpty();
  }

  @Test
  void pathsThatLeaveTheRepositoryAreRefusedBeforeAnyRequest() {
    for (String bad : List.of("../secret", "/etc/passwd", "a/../../b", "a\0b", "a//b", "")) {
      assertThatThrownBy(() -> api.fileAt(REPO, BASE, bad)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> api.pullRequest("not-a-repo", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(gh.requests()).filteredOn(r -> r.operation().equals("repos/get-content")).isEmpty();
  }

  @Test
  void reviewThreadsArePagedThroughGraphQl() {
    FakeGitHub.Pull pr = gh.repo(REPO).pull(9).head("long", HEAD);
    StringBuilder patch = new StringBuilder("@@ -0,0 +1,150 @@");
    for (int i = 1; i <= 150; i++) patch.append("\n+line ").append(i);
    pr.file("long.txt", "added", patch.toString(), "x".getBytes(StandardCharsets.UTF_8));
    List<NewComment> comments = new ArrayList<>();
    for (int i = 1; i <= 150; i++) comments.add(new NewComment("long.txt", i, "RIGHT", null, null, "c" + i));
    api.createReview(REPO, 9, new ReviewWrite(HEAD, "COMMENT", "many", comments));
    assertThat(api.reviewThreads(REPO, 9)).hasSize(150).extracting(ReviewThread::firstCommentBody).startsWith("c1").endsWith("c150");
    assertThat(gh.requests().stream().filter(r -> r.operation().equals("graphql")).count()).isEqualTo(2);
    assertThat(gh.violations()).isEmpty();
  }

  @Test
  void followsLinkHeadersToTheLastPage() {
    FakeGitHub.Pull pr = gh.repo(REPO).pull(8).head("many", HEAD);
    for (int i = 0; i < 250; i++) pr.file("f" + i + ".txt", "added", "@@ -0,0 +1 @@\n+x", ("x" + i).getBytes(StandardCharsets.UTF_8));
    assertThat(api.pullFiles(REPO, 8)).hasSize(250).extracting(GitHubApi.PullFile::filename).startsWith("f0.txt").endsWith("f249.txt");
    assertThat(gh.requests().stream().filter(r -> r.path().endsWith("/pulls/8/files")).count()).isEqualTo(3);
    assertThat(gh.violations()).isEmpty();
  }

  @Test
  void checkRunsAndStatuses() {
    List<Annotation> annotations = new ArrayList<>();
    for (int i = 1; i <= 50; i++) annotations.add(new Annotation("src/Hello.java", i, i, "warning", "rule " + i, "message " + i, null));
    long id = api.createCheckRun(REPO, new CheckRunWrite("vetter", HEAD, "job-1", "in_progress", null, null, null, null, null));
    api.updateCheckRun(REPO, id, new CheckRunWrite(null, null, null, null, null, "Vetter", "50 findings", null, annotations));
    api.updateCheckRun(REPO, id, new CheckRunWrite(null, null, null, "completed", "failure", "Vetter", "51 findings", "details",
        List.of(new Annotation("src/Hello.java", 3, 4, "failure", null, "last", "raw"))));
    assertThat(api.checkRuns(REPO, HEAD, "vetter")).singleElement().satisfies(r -> {
      assertThat(r.id()).isEqualTo(id);
      assertThat(r.status()).isEqualTo("completed");
      assertThat(r.conclusion()).isEqualTo("failure");
      assertThat(r.externalId()).isEqualTo("job-1");
      assertThat(r.annotationsCount()).isEqualTo(51);
    });
    assertThat(api.checkRuns(REPO, HEAD, "other")).isEmpty();
    assertThat(gh.repo(REPO).annotations(id)).hasSize(51);
    assertThatThrownBy(() -> api.updateCheckRun(REPO, id, new CheckRunWrite(null, null, null, null, null, "t", "s", null,
        java.util.Collections.nCopies(51, annotations.get(0))))).isInstanceOf(IllegalArgumentException.class);

    api.createStatus(REPO, HEAD, new StatusWrite("failure", "vetter", "3 errors", "https://vetter.example/runs/1"));
    assertThat(gh.repo(REPO).statuses()).singleElement().satisfies(s -> {
      assertThat(s.path("state").asText()).isEqualTo("failure");
      assertThat(s.path("context").asText()).isEqualTo("vetter");
    });
    assertThat(gh.violations()).isEmpty();
  }

  @Test
  void reviewsCommentsAndThreads() {
    long review = api.createReview(REPO, 7, new ReviewWrite(HEAD, "COMMENT", "Vetter found 2 problems", List.of(
        new NewComment("src/Hello.java", 2, "RIGHT", null, null, "b is unused <!-- vetter:fp1 -->"),
        new NewComment("src/Hello.java", 2, "RIGHT", 1, "RIGHT", "range <!-- vetter:fp2 -->"))));
    assertThat(review).isPositive();
    List<GitHubApi.ReviewComment> comments = api.reviewComments(REPO, 7);
    assertThat(comments).hasSize(2);
    GitHubApi.ReviewComment first = comments.get(0);
    assertThat(first.author()).isEqualTo("vetter[bot]");
    assertThat(first.line()).isEqualTo(2);
    assertThat(first.side()).isEqualTo("RIGHT");
    assertThat(first.commitId()).isEqualTo(HEAD);
    assertThat(first.inReplyToId()).isNull();

    api.updateReviewComment(REPO, first.id(), "b is still unused <!-- vetter:fp1 -->");
    assertThat(api.reviewComments(REPO, 7).get(0).body()).startsWith("b is still unused");

    gh.repo(REPO).reply(7, first.id(), "alice", "intentional");
    List<ReviewThread> threads = api.reviewThreads(REPO, 7);
    assertThat(threads).hasSize(2);
    ReviewThread t = threads.get(0);
    assertThat(t.firstCommentId()).isEqualTo(first.id());
    assertThat(t.firstCommentAuthor()).as("GraphQL's bot login gets REST's [bot]").isEqualTo(connector.botLogin());
    assertThat(t.commentCount()).isEqualTo(2);
    assertThat(t.resolved()).isFalse();

    api.resolveThread(t.id());
    assertThat(api.reviewThreads(REPO, 7).get(0).resolved()).isTrue();
    api.unresolveThread(t.id());
    assertThat(api.reviewThreads(REPO, 7).get(0).resolved()).isFalse();
    assertThat(api.reviewComments(REPO, 7)).filteredOn(c -> c.inReplyToId() != null).singleElement()
        .satisfies(c -> assertThat(c.author()).isEqualTo("alice"));
    assertThat(gh.violations()).isEmpty();
  }

  @Test
  void aCommentOffTheDiffFailsWithGitHubsMessage() {
    assertThatThrownBy(() -> api.createReview(REPO, 7, new ReviewWrite(HEAD, "COMMENT", "x",
        List.of(new NewComment("src/Hello.java", 40, "RIGHT", null, null, "not in the diff")))))
        .isInstanceOfSatisfying(GitHubException.class, e -> {
          assertThat(e.status()).isEqualTo(422);
          assertThat(e.getMessage()).contains("Pull request review thread line must be part of the diff");
          assertThat(e.transientFailure()).isFalse();
        });
    assertThat(gh.repo(REPO).reviewComments(7)).isEmpty();
  }

  @Test
  void issueComments() {
    long id = api.createIssueComment(REPO, 7, "Summary <!-- vetter:summary -->");
    api.updateIssueComment(REPO, id, "Summary v2 <!-- vetter:summary -->");
    assertThat(api.issueComments(REPO, 7)).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo(id);
      assertThat(c.author()).isEqualTo("vetter[bot]");
      assertThat(c.body()).isEqualTo("Summary v2 <!-- vetter:summary -->");
    });
    assertThat(gh.violations()).isEmpty();
  }

  @Test
  void appLevelCalls() {
    assertThat(connector.botLogin()).isEqualTo("vetter[bot]");
    gh.installation("43", "octo/other");
    assertThat(connector.installations()).containsExactly("42", "43");
    assertThat(connector.installation("43").repositories()).containsExactly("octo/other");
    assertThat(connector.installation("42")).as("one API per installation").isSameAs(api);
    assertThat(gh.violations()).isEmpty();
  }
}
