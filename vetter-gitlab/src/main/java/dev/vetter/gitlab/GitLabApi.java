package dev.vetter.gitlab;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What Vetter asks of GitLab (REST API v4): the calls a review and its posting need, no more. Projects are named
 * by their full path ({@code group/subgroup/project}); the client URL-encodes it. The HTTP implementation
 * ({@link HttpGitLabApi}) handles authentication, pagination, rate limits and retries; callers see results or a
 * {@link GitLabException}. Implementations are thread-safe. Records keep GitLab's field names where they can.
 */
public interface GitLabApi {

  // ---- reading a merge request ----

  /** {@code GET /projects/:id/merge_requests/:merge_request_iid}; a 404 right after an event is retried twice. */
  MergeRequest mergeRequest(String project, long iid);

  /** {@code GET /projects/:id/merge_requests/:merge_request_iid/diffs}, every page. */
  List<DiffFile> mergeRequestDiffs(String project, long iid);

  /** {@code GET /projects/:id/merge_requests/:merge_request_iid/commits}, every page, newest first as GitLab sends them. */
  List<Commit> mergeRequestCommits(String project, long iid);

  /** {@code GET /projects/:id/repository/files/:file_path/raw?ref=}; empty when the file does not exist at {@code ref}. */
  Optional<byte[]> fileAt(String project, String ref, String path);

  /** {@code GET /projects/:id/repository/blobs/:sha/raw}; empty when there is no such blob. */
  Optional<byte[]> blob(String project, String sha);

  /** Open merge requests of a group and its subgroups ({@code GET /groups/:id/merge_requests?state=opened}), every page. */
  List<MergeRequestRef> openMergeRequests(String group);

  /** Top-level groups the token may write to ({@code GET /groups?top_level_only=true&min_access_level=30}): what the reconciler sweeps. */
  List<String> groups();

  /** The user the token belongs to ({@code GET /user}): Vetter's own notes are written by this username. */
  String currentUser();

  // ---- the commit status ----

  /**
   * The latest statuses named {@code name} on {@code sha} for {@code ref}, newest first
   * ({@code GET /projects/:id/repository/commits/:sha/statuses?ref=&name=&sort=desc}). GitLab keeps a status per ref
   * (one pipeline per commit and ref) and lists them oldest first unless asked; a GitLab older than 17.8 ignores
   * {@code sort}, so callers pick by {@link CommitStatus#id} rather than by position.
   */
  List<CommitStatus> commitStatuses(String project, String sha, String name, String ref);

  /** {@code POST /projects/:id/statuses/:sha}. */
  void setStatus(String project, String sha, StatusWrite status);

  // ---- discussions (inline comments) ----

  /** {@code GET /projects/:id/merge_requests/:merge_request_iid/discussions}, every page. */
  List<Discussion> discussions(String project, long iid);

  /** {@code POST /projects/:id/merge_requests/:merge_request_iid/discussions} with a text position on the diff. */
  Discussion createDiscussion(String project, long iid, String body, Position position);

  /** {@code PUT /projects/:id/merge_requests/:merge_request_iid/discussions/:discussion_id?resolved=}. */
  void resolveDiscussion(String project, long iid, String discussionId, boolean resolved);

  /** {@code PUT /projects/:id/merge_requests/:merge_request_iid/discussions/:discussion_id/notes/:note_id} with a new body. */
  void editDiscussionNote(String project, long iid, String discussionId, long noteId, String body);

  // ---- the summary note ----

  /** {@code GET /projects/:id/merge_requests/:merge_request_iid/notes}, every page. */
  List<Note> notes(String project, long iid);

  /** {@code POST /projects/:id/merge_requests/:merge_request_iid/notes}; returns the new note's id. */
  long createNote(String project, long iid, String body);

  /** {@code PUT /projects/:id/merge_requests/:merge_request_iid/notes/:note_id}. */
  void editNote(String project, long iid, long noteId, String body);

  // ---- ChatOps ----

  /**
   * {@code username}'s access level on the project, inherited and invited memberships included
   * ({@code GET /projects/:id/members/all?query=}, the member whose username is exactly {@code username}): 10 guest,
   * 15 planner, 20 reporter, 30 developer, 40 maintainer, 50 owner; 0 when they are not a member.
   */
  int accessLevel(String project, String username);

  // ---- records (only the fields Vetter uses) ----

  /**
   * A merge request. {@code state} is opened, closed, locked or merged; {@code diffRefs} is null while GitLab is still
   * computing the diff. {@code changesCount} is GitLab's count of changed files, e.g. {@code "12"}, or {@code "1000+"}
   * when the diff is over GitLab's limits and its file list is cut.
   */
  record MergeRequest(long iid, String state, boolean draft, String title, String description, String author,
      String sourceBranch, String targetBranch, String sha, DiffRefs diffRefs, String webUrl, boolean fromFork, String changesCount) {
    public boolean open() {
      return "opened".equals(state);
    }

    /** Whether GitLab lists only part of the changed files (its diff limits). */
    public boolean overflow() {
      return changesCount != null && changesCount.endsWith("+");
    }
  }

  /**
   * The three commits a diff position is anchored to: {@code baseSha} the merge base, {@code startSha} the target
   * branch's head when the diff was made, {@code headSha} the source branch's head.
   */
  record DiffRefs(String baseSha, String startSha, String headSha) {}

  /** One changed file of a merge request; {@code diff} is GitLab's unified diff text without file headers (may be empty when too large). */
  record DiffFile(String oldPath, String newPath, String aMode, String bMode, boolean newFile, boolean renamedFile, boolean deletedFile,
      boolean tooLarge, boolean collapsed, String diff) {}

  record Commit(String id, String title, String message, String authorName, String authorEmail, String authoredDate, List<String> parentIds) {}

  /** An open merge request as listed for a group: its project's full path, iid and head, and when it last changed (null: not said). */
  record MergeRequestRef(String project, long iid, String sha, boolean draft, Instant updatedAt) {
    public MergeRequestRef(String project, long iid, String sha, boolean draft) {
      this(project, iid, sha, draft, null);
    }
  }

  /**
   * @param ref the branch or ref whose pipeline the status belongs to
   * @param status pending, running, success, failed, canceled (and GitLab's other job states when set by CI)
   */
  record CommitStatus(long id, String name, String ref, String status, String description, String targetUrl) {}

  /**
   * @param state pending, running, success, failed or canceled; null fields are not sent
   * @param ref the branch (or ref) the commit is on; GitLab guesses a branch when it is absent and refuses a commit on none
   */
  record StatusWrite(String state, String name, String ref, String description, String targetUrl) {}

  /** A discussion: a thread of notes, the first one opening it. */
  record Discussion(String id, boolean individualNote, List<DiscussionNote> notes) {
    public DiscussionNote first() {
      return notes.getFirst();
    }

    /** Whether anyone but {@code user} wrote in it (a reply, or a thread someone else opened). System notes do not count. */
    public boolean humanWrote(String user) {
      return notes.stream().anyMatch(n -> !n.system() && !user.equalsIgnoreCase(n.author()));
    }

    public boolean resolved() {
      return notes.stream().filter(DiscussionNote::resolvable).allMatch(DiscussionNote::resolved) && notes.stream().anyMatch(DiscussionNote::resolvable);
    }
  }

  record DiscussionNote(long id, String type, String author, String body, boolean system, boolean resolvable, boolean resolved, Position position) {}

  /**
   * A position on the merge request's diff ({@code position_type} text): a line of the new file ({@code newLine}),
   * of the old file ({@code oldLine}, a removed line), or both (an unchanged line).
   */
  record Position(String baseSha, String startSha, String headSha, String oldPath, String newPath, Integer oldLine, Integer newLine) {}

  record Note(long id, String author, String body, boolean system) {}
}
