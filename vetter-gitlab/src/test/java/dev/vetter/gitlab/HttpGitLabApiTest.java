package dev.vetter.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vetter.gitlab.GitLabApi.Discussion;
import dev.vetter.gitlab.GitLabApi.MergeRequest;
import dev.vetter.gitlab.GitLabApi.Position;
import dev.vetter.gitlab.GitLabApi.StatusWrite;
import dev.vetter.gitlab.fake.FakeGitLab;
import dev.vetter.gitlab.fake.FakeGitLab.Fault;
import dev.vetter.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against the fake GitLab: every call, pagination, retries and rate limits (waits recorded, never slept). */
class HttpGitLabApiTest {
  static final String TOKEN = "glpat-s3cret-token-value";
  static final String PROJECT = "acme/tools/app";
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir Path dir;
  FakeGitLab gitlab;
  TestRepo repo;
  FakeGitLab.MergeRequest mr;
  final List<Duration> slept = new CopyOnWriteArrayList<>();
  HttpGitLabApi api;

  @BeforeEach
  void setUp() throws Exception {
    gitlab = FakeGitLab.start(TOKEN);
    repo = TestRepo.init(dir);
    repo.write("README.md", "hello\n").write("src/a.txt", "one\ntwo\nthree\n").commit("base");
    repo.branch("feature").write("src/a.txt", "one\n2\nthree\nfour\n").write("docs/new file.md", "new\n").commit("change a");
    FakeGitLab.Project p = gitlab.project(PROJECT, repo.git().getRepository());
    mr = p.openMergeRequest(7, "feature", "main");
    api = client(Duration.ZERO);
  }

  HttpGitLabApi client(Duration writePause) {
    HttpGitLabApi.Settings s = new HttpGitLabApi.Settings(gitlab.url(), TOKEN, 4, Duration.ofSeconds(1), Duration.ofSeconds(30), writePause,
        Duration.ofSeconds(10));
    return new HttpGitLabApi(s, Clock.fixed(NOW, ZoneOffset.UTC), slept::add);
  }

  @AfterEach
  void tearDown() {
    gitlab.close();
    repo.close();
    assertThat(gitlab.violations()).as("requests outside GitLab's documented contract").isEmpty();
  }

  @Test
  void readsAMergeRequestWithItsDiffRefs() {
    MergeRequest m = api.mergeRequest(PROJECT, 7);
    assertThat(m.iid()).isEqualTo(7);
    assertThat(m.open()).isTrue();
    assertThat(m.sha()).isEqualTo(mr.headSha());
    assertThat(m.diffRefs().headSha()).isEqualTo(mr.headSha());
    assertThat(m.diffRefs().baseSha()).isEqualTo(mr.baseSha());
    assertThat(m.targetBranch()).isEqualTo("main");
    assertThat(m.fromFork()).isFalse();
    assertThat(gitlab.requests().getFirst().path()).isEqualTo("/projects/acme%2Ftools%2Fapp/merge_requests/7");
  }

  @Test
  void diffsCommitsFilesAndBlobs() {
    var diffs = api.mergeRequestDiffs(PROJECT, 7);
    assertThat(diffs).extracting(GitLabApi.DiffFile::newPath).containsExactlyInAnyOrder("src/a.txt", "docs/new file.md");
    var added = diffs.stream().filter(GitLabApi.DiffFile::newFile).findFirst().orElseThrow();
    assertThat(added.diff()).startsWith("@@ -0,0 +1 @@");
    var commits = api.mergeRequestCommits(PROJECT, 7);
    assertThat(commits).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo(mr.headSha());
      assertThat(c.parentIds()).containsExactly(mr.baseSha());
      assertThat(c.title()).isEqualTo("change a");
    });
    assertThat(api.fileAt(PROJECT, mr.baseSha(), "src/a.txt")).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("one\ntwo\nthree\n"));
    assertThat(api.fileAt(PROJECT, mr.headSha(), "docs/new file.md")).isPresent();
    assertThat(api.fileAt(PROJECT, mr.baseSha(), "docs/new file.md")).as("absent at base").isEmpty();
    assertThat(gitlab.requests()).anySatisfy(r -> assertThat(r.path()).isEqualTo("/projects/acme%2Ftools%2Fapp/repository/files/docs%2Fnew%20file.md/raw"));
    String blobId = blobOf("src/a.txt");
    assertThat(api.blob(PROJECT, blobId)).hasValueSatisfying(b -> assertThat(b).isEqualTo("one\n2\nthree\nfour\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(api.blob(PROJECT, "0".repeat(40))).isEmpty();
  }

  String blobOf(String path) {
    try (var tw = org.eclipse.jgit.treewalk.TreeWalk.forPath(repo.git().getRepository(), path,
        repo.git().getRepository().parseCommit(org.eclipse.jgit.lib.ObjectId.fromString(mr.headSha())).getTree())) {
      return tw.getObjectId(0).name();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void paginatesEveryList() throws Exception {
    var project = gitlab.project(PROJECT);
    for (int i = 0; i < 130; i++) repo.write("many/f" + i + ".txt", "x" + i + "\n");
    repo.commit("many files");
    mr.refresh();
    assertThat(api.mergeRequestDiffs(PROJECT, 7)).hasSize(132);
    assertThat(gitlab.requests().stream().filter(r -> r.path().endsWith("/diffs")).map(r -> r.query().get("page")).toList()).containsExactly("1", "2");
    assertThat(project.mergeRequest(7)).isNotNull();
  }

  @Test
  void openMergeRequestsOfAGroupAndTheGroupsToSweep() {
    assertThat(api.groups()).containsExactly("acme");
    assertThat(api.openMergeRequests("acme")).containsExactly(new GitLabApi.MergeRequestRef(PROJECT, 7, mr.headSha(), false, java.time.Instant.parse("2024-05-01T10:00:00Z")));
    mr.state = "merged";
    assertThat(api.openMergeRequests("acme")).isEmpty();
    assertThat(api.currentUser()).isEqualTo(FakeGitLab.BOT);
  }

  @Test
  void commitStatusesMoveAndAreListed() {
    api.setStatus(PROJECT, mr.headSha(), new StatusWrite("running", "vetter", "feature", "Reviewing…", "https://vetter.example/jobs/1"));
    api.setStatus(PROJECT, mr.headSha(), new StatusWrite("success", "vetter", null, "No findings", null));
    // the same commit on another branch has a status of its own, which is not this branch's
    api.setStatus(PROJECT, mr.headSha(), new StatusWrite("running", "vetter", "elsewhere", "Reviewing…", null));
    var statuses = api.commitStatuses(PROJECT, mr.headSha(), "vetter", "feature");
    assertThat(gitlab.requests()).filteredOn(r -> r.path().endsWith("/statuses")).last()
        .satisfies(r -> assertThat(r.query()).containsEntry("ref", "feature").containsEntry("name", "vetter").containsEntry("sort", "desc"));
    assertThat(statuses).singleElement().satisfies(s -> {
      assertThat(s.ref()).isEqualTo("feature");
      assertThat(s.status()).isEqualTo("success");
      assertThat(s.description()).isEqualTo("No findings");
      assertThat(s.targetUrl()).isEqualTo("https://vetter.example/jobs/1");
    });
    assertThat(gitlab.writes().getFirst().body().toString()).isEqualTo(
        "{\"state\":\"running\",\"name\":\"vetter\",\"ref\":\"feature\",\"description\":\"Reviewing…\",\"target_url\":\"https://vetter.example/jobs/1\"}");
    // GitLab refuses a transition to the state a running status is already in
    api.setStatus(PROJECT, mr.headSha(), new StatusWrite("running", "vetter", "feature", null, null));
    assertThatThrownBy(() -> api.setStatus(PROJECT, mr.headSha(), new StatusWrite("running", "vetter", "feature", null, null)))
        .isInstanceOfSatisfying(GitLabException.class, e -> assertThat(e.status()).isEqualTo(400)).hasMessageContaining("Cannot transition");
  }

  @Test
  void discussionsWithPositionsResolveAndEdit() {
    var refs = api.mergeRequest(PROJECT, 7).diffRefs();
    Position onAdded = new Position(refs.baseSha(), refs.startSha(), refs.headSha(), "src/a.txt", "src/a.txt", null, 4);
    Discussion d = api.createDiscussion(PROJECT, 7, "finding <!-- m -->", onAdded);
    assertThat(d.first().position()).isEqualTo(onAdded);
    assertThat(d.first().resolvable()).isTrue();
    Position onUnchanged = new Position(refs.baseSha(), refs.startSha(), refs.headSha(), "src/a.txt", "src/a.txt", 1, 1);
    api.createDiscussion(PROJECT, 7, "on a context line", onUnchanged);
    Position notOnDiff = new Position(refs.baseSha(), refs.startSha(), refs.headSha(), "README.md", "README.md", null, 1);
    assertThatThrownBy(() -> api.createDiscussion(PROJECT, 7, "nowhere", notOnDiff))
        .isInstanceOfSatisfying(GitLabException.class, e -> assertThat(e.status()).isEqualTo(400)).hasMessageContaining("line_code");

    api.resolveDiscussion(PROJECT, 7, d.id(), true);
    api.editDiscussionNote(PROJECT, 7, d.id(), d.first().id(), "edited");
    List<Discussion> all = api.discussions(PROJECT, 7);
    assertThat(all).hasSize(2);
    assertThat(all.getFirst().resolved()).isTrue();
    assertThat(all.getFirst().first().body()).isEqualTo("edited");
    api.resolveDiscussion(PROJECT, 7, d.id(), false);
    assertThat(api.discussions(PROJECT, 7).getFirst().resolved()).isFalse();
    var create = gitlab.writes().getFirst();
    assertThat(create.body().get("position").toString()).isEqualTo("{\"position_type\":\"text\",\"base_sha\":\"" + refs.baseSha()
        + "\",\"start_sha\":\"" + refs.startSha() + "\",\"head_sha\":\"" + refs.headSha() + "\",\"old_path\":\"src/a.txt\",\"new_path\":\"src/a.txt\",\"new_line\":4}");
  }

  @Test
  void humanRepliesAreSeen() {
    var refs = api.mergeRequest(PROJECT, 7).diffRefs();
    Discussion d = api.createDiscussion(PROJECT, 7, "x", new Position(refs.baseSha(), refs.startSha(), refs.headSha(), "src/a.txt", "src/a.txt", null, 2));
    assertThat(api.discussions(PROJECT, 7).getFirst().humanWrote(FakeGitLab.BOT)).isFalse();
    mr.reply(d.id(), "ada", "I disagree");
    assertThat(api.discussions(PROJECT, 7).getFirst().humanWrote(FakeGitLab.BOT)).isTrue();
  }

  @Test
  void summaryNotesAreCreatedListedAndEdited() {
    long id = api.createNote(PROJECT, 7, "summary v1");
    api.editNote(PROJECT, 7, id, "summary v2");
    assertThat(api.notes(PROJECT, 7)).singleElement().satisfies(n -> {
      assertThat(n.id()).isEqualTo(id);
      assertThat(n.body()).isEqualTo("summary v2");
      assertThat(n.author()).isEqualTo(FakeGitLab.BOT);
    });
  }

  // ---- failures ----

  @Test
  void serverErrorsAndTimeoutsOfReadsAreRetriedWithBoundedBackoff() {
    gitlab.inject(Fault.of(FakeGitLab.on("GET", "/merge_requests/7$"), 502, 3));
    assertThat(api.mergeRequest(PROJECT, 7).iid()).isEqualTo(7);
    assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    slept.clear();
    gitlab.inject(Fault.of(FakeGitLab.on("GET", "/merge_requests/7$"), 503, 10));
    assertThatThrownBy(() -> api.mergeRequest(PROJECT, 7)).isInstanceOfSatisfying(GitLabException.class, e -> {
      assertThat(e.status()).isEqualTo(503);
      assertThat(e.transientFailure()).isTrue();
    });
    assertThat(slept).hasSize(3);
  }

  @Test
  void aSlowAnswerTimesOutAndIsAskedAgain() {
    HttpGitLabApi impatient = new HttpGitLabApi(new HttpGitLabApi.Settings(gitlab.url(), TOKEN, 2, Duration.ofSeconds(1), Duration.ofSeconds(30),
        Duration.ZERO, Duration.ofMillis(300)), Clock.fixed(NOW, ZoneOffset.UTC), slept::add);
    gitlab.inject(Fault.of(FakeGitLab.on("GET", "/commits$"), 0, 1).delay(Duration.ofSeconds(2)));
    assertThat(impatient.mergeRequestCommits(PROJECT, 7)).hasSize(1);
    assertThat(slept).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void aCreateIsNotRepeatedAfterA5xxBecauseItMayHaveHappened() {
    var refs = api.mergeRequest(PROJECT, 7).diffRefs();
    gitlab.inject(Fault.of(FakeGitLab.on("POST", "/discussions$"), 502, 1).whenDone());
    assertThatThrownBy(() -> api.createDiscussion(PROJECT, 7, "x", new Position(refs.baseSha(), refs.startSha(), refs.headSha(), "src/a.txt", "src/a.txt", null, 2)))
        .isInstanceOfSatisfying(GitLabException.class, e -> assertThat(e.transientFailure()).isTrue());
    assertThat(gitlab.writes()).hasSize(1);
    assertThat(mr.discussions).as("GitLab did create it").hasSize(1);
  }

  @Test
  void rateLimitsWaitAsGitLabSays() {
    gitlab.inject(Fault.of(FakeGitLab.on("GET", "/discussions"), 429, 1).headers(Map.of("Retry-After", "7")));
    gitlab.inject(Fault.of(FakeGitLab.on("GET", "/notes"), 429, 1).headers(Map.of("RateLimit-Reset", String.valueOf(NOW.getEpochSecond() + 12))));
    api.discussions(PROJECT, 7);
    api.notes(PROJECT, 7);
    assertThat(slept).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(12));
  }

  @Test
  void aLongRateLimitIsHandedToTheQueue() {
    gitlab.inject(Fault.of(FakeGitLab.on("POST", "/notes$"), 429, 1).headers(Map.of("Retry-After", "600")));
    assertThatThrownBy(() -> api.createNote(PROJECT, 7, "x")).isInstanceOfSatisfying(GitLabException.class, e -> {
      assertThat(e.status()).isEqualTo(429);
      assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(10));
    });
    assertThat(slept).isEmpty();
    assertThat(mr.discussions).isEmpty();
  }

  @Test
  void aMergeRequestNotYetReadableIsAskedForTwiceMoreThenGone() {
    gitlab.inject(Fault.of(FakeGitLab.on("GET", "/merge_requests/7$"), 404, 2));
    assertThat(api.mergeRequest(PROJECT, 7).iid()).isEqualTo(7);
    assertThatThrownBy(() -> api.mergeRequest(PROJECT, 99)).isInstanceOfSatisfying(GitLabException.class, e -> assertThat(e.gone()).isTrue());
    assertThat(gitlab.requests().stream().filter(r -> r.path().endsWith("/merge_requests/99")).count()).isEqualTo(3);
  }

  @Test
  void otherClientErrorsFailAtOnceWithoutTheToken() {
    gitlab.inject(Fault.of(FakeGitLab.on("GET", "/diffs"), 403, 1));
    assertThatThrownBy(() -> api.mergeRequestDiffs(PROJECT, 7)).isInstanceOfSatisfying(GitLabException.class, e -> {
      assertThat(e.status()).isEqualTo(403);
      assertThat(e.transientFailure()).isFalse();
      assertThat(e.getMessage()).doesNotContain(TOKEN).contains("GET /projects/acme%2Ftools%2Fapp/merge_requests/7/diffs");
    });
    assertThat(slept).isEmpty();
    HttpGitLabApi wrong = new HttpGitLabApi(HttpGitLabApi.Settings.defaults(gitlab.url(), "wrong-" + TOKEN), Clock.systemUTC(), slept::add);
    assertThatThrownBy(() -> wrong.currentUser()).isInstanceOfSatisfying(GitLabException.class, e -> {
      assertThat(e.status()).isEqualTo(401);
      assertThat(e.getMessage()).doesNotContain(TOKEN);
    });
    assertThat(wrong.toString()).doesNotContain(TOKEN);
  }

  @Test
  void writesToAProjectArePaced() {
    HttpGitLabApi paced = client(Duration.ofMillis(500));
    paced.createNote(PROJECT, 7, "one");
    paced.createNote(PROJECT, 7, "two");
    paced.notes(PROJECT, 7); // reads are not paced
    // the fixed clock says no time passed between the writes, so the whole pause is waited once
    assertThat(slept).containsExactly(Duration.ofMillis(500));
  }
}
