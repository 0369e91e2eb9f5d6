package dev.vetter.git;

import dev.vetter.change.Change;
import dev.vetter.change.ChangedFile;
import dev.vetter.change.Commit;
import dev.vetter.change.Contents;
import dev.vetter.change.FileContent;
import dev.vetter.change.FileMode;
import dev.vetter.change.FileStatus;
import dev.vetter.change.Hunk;
import dev.vetter.change.Person;
import dev.vetter.engine.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.eclipse.jgit.diff.ContentSource;
import org.eclipse.jgit.diff.DiffConfig;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.BranchConfig;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.eclipse.jgit.util.SystemReader;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * A git repository as a source of changes: a range with GitHub's three-dot semantics, the index
 * against HEAD, or the working tree against HEAD. Thread-safe for reading contents.
 */
public final class GitRepository implements AutoCloseable {
  /** Files larger than this get no hunks (and no line rules); size rules still see them. */
  public static final long DEFAULT_MAX_DIFF_BYTES = 4L << 20;

  private final Repository repo;
  private final long maxDiffBytes;

  private GitRepository(Repository repo, long maxDiffBytes) {
    this.repo = repo;
    this.maxDiffBytes = maxDiffBytes;
  }

  /** Opens the repository containing {@code dir}. */
  public static GitRepository open(Path dir) {
    return open(dir, DEFAULT_MAX_DIFF_BYTES);
  }

  public static GitRepository open(Path dir, long maxDiffBytes) {
    return open(dir, maxDiffBytes, null);
  }

  /**
   * Opens the repository containing {@code dir}, reading git's environment ({@code GIT_DIR}, {@code GIT_INDEX_FILE},
   * ...) from {@code env} rather than this process's: a long-running process reviewing for a client passes the
   * client's, its paths already absolute. Null means this process's environment.
   */
  public static GitRepository open(Path dir, long maxDiffBytes, UnaryOperator<String> env) {
    FileRepositoryBuilder builder = new FileRepositoryBuilder();
    if (env == null) {
      builder.readEnvironment();
    } else {
      builder.readEnvironment(new SystemReader.Delegate(SystemReader.getInstance()) {
        @Override
        public String getenv(String variable) {
          return env.apply(variable);
        }
      });
    }
    builder.findGitDir(dir.toAbsolutePath().toFile());
    if (builder.getGitDir() == null) {
      throw new UserError(dir.toAbsolutePath() + " is not inside a git repository. Run vetter from a repository, or pass --repo DIR.");
    }
    try {
      return new GitRepository(builder.build(), maxDiffBytes);
    } catch (IOException e) {
      throw new UserError("cannot open the git repository at " + builder.getGitDir() + ": " + e.getMessage(), e);
    }
  }

  public Repository jgit() {
    return repo;
  }

  /** The working tree, or null for a bare repository. */
  public Path workTree() {
    return repo.isBare() ? null : repo.getWorkTree().toPath();
  }

  public Path gitDir() {
    return repo.getDirectory().toPath();
  }

  /**
   * The base a review of HEAD should use when none is given: the remote default branch
   * ({@code origin/HEAD}, {@code origin/main}, {@code origin/master}), the local {@code main} or
   * {@code master}, then the branch's upstream; the first one HEAD has diverged from.
   */
  public String defaultBase() {
    List<String> candidates = new ArrayList<>();
    try {
      var originHead = repo.exactRef("refs/remotes/origin/HEAD");
      if (originHead != null && originHead.isSymbolic()) candidates.add(Repository.shortenRefName(originHead.getTarget().getName()));
      candidates.addAll(List.of("origin/main", "origin/master", "main", "master"));
      String branch = repo.getBranch();
      if (branch != null) {
        String tracking = new BranchConfig(repo.getConfig(), branch).getTrackingBranch();
        if (tracking != null) candidates.add(Repository.shortenRefName(tracking));
      }
      ObjectId head = repo.resolve(Constants.HEAD);
      if (head == null) throw new UserError("HEAD does not point at a commit yet: make a first commit, or review with --staged.");
      String firstResolvable = null;
      for (String c : candidates) {
        ObjectId id = repo.resolve(c + "^{commit}");
        if (id == null) continue;
        if (firstResolvable == null) firstResolvable = c;
        if (!id.equals(head)) {
          try (RevWalk walk = new RevWalk(repo)) {
            RevCommit base = mergeBase(walk, walk.parseCommit(id), walk.parseCommit(head), c, "HEAD");
            if (!base.equals(head)) return c;
          }
        }
      }
      if (firstResolvable != null) return firstResolvable;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new UserError("cannot tell what to compare HEAD with: there is no origin/main, origin/master, main, master or upstream branch. Pass --base REF.");
  }

  /** The change from the merge-base of {@code base} and {@code head} to {@code head}. */
  public Change range(String base, String head) {
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit baseCommit = walk.parseCommit(resolve(base));
      RevCommit headCommit = walk.parseCommit(resolve(head));
      RevCommit mergeBase = mergeBase(walk, baseCommit, headCommit, base, head);
      List<Commit> commits = commitsBetween(mergeBase, headCommit);
      RevTree baseTree = walk.parseTree(mergeBase.getTree());
      RevTree headTree = walk.parseTree(headCommit.getTree());
      BlobSide baseSide = new TreeSide(baseTree);
      BlobSide headSide = new TreeSide(headTree);
      List<ChangedFile> files = changedFiles(scan(treeParser(baseTree), treeParser(headTree)), baseSide, headSide);
      return new Change(Change.Kind.RANGE, base, head, mergeBase.name(), headCommit.name(), files, commits, new RepoContents(baseSide, headSide));
    } catch (MissingObjectException e) {
      String why = isPartialClone()
          ? ": this is a partial clone (made with --filter), whose missing objects git fetches on demand, but vetter cannot."
              + " Let git fetch the files the review needs first (`git diff " + base + "..." + head + " >/dev/null`), or clone without --filter"
          : isShallow() ? " (this is a shallow clone: run `git fetch --unshallow`, or `git fetch --deepen=200`, to get the history the review needs)" : "";
      throw new UserError("object " + e.getObjectId().name() + " is missing from the repository" + why, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A file as it is at revision {@code rev} (e.g. the tip of the base branch, where the policy is
   * read from), empty when the file does not exist there.
   */
  public Optional<FileContent> fileAt(String rev, String path) {
    try (RevWalk walk = new RevWalk(repo)) {
      ObjectId id = repo.resolve(Constants.HEAD.equals(rev) ? Constants.HEAD + "^{commit}" : rev + "^{commit}");
      if (id == null) return Optional.empty();
      return new TreeSide(walk.parseCommit(id).getTree()).read(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The full messages of up to {@code max} commits on the first-parent line ending at {@code rev}, newest first
   * ({@code git log --first-parent -n max --format=%B rev}): the history a repository's conventions are read from.
   * Fewer in a shallow clone or a short history; empty when {@code rev} does not resolve.
   */
  public List<String> firstParentMessages(String rev, int max) {
    List<String> messages = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repo)) {
      ObjectId id = repo.resolve(rev + "^{commit}");
      if (id == null) return messages;
      RevCommit c = walk.parseCommit(id);
      while (c != null && messages.size() < max) {
        messages.add(c.getFullMessage());
        if (c.getParentCount() == 0) break;
        try {
          c = walk.parseCommit(c.getParent(0));
        } catch (MissingObjectException shallow) {
          break;
        }
      }
    } catch (MissingObjectException e) {
      return messages;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return messages;
  }

  /** Every regular file at revision {@code rev}, path to blob id, in path order (symlinks and submodules left out). */
  public Map<String, String> filesAt(String rev) {
    Map<String, String> files = new java.util.LinkedHashMap<>();
    try (RevWalk walk = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
      ObjectId id = repo.resolve(rev + "^{commit}");
      if (id == null) return files;
      tw.addTree(walk.parseCommit(id).getTree());
      tw.setRecursive(true);
      while (tw.next()) {
        if ((tw.getRawMode(0) & org.eclipse.jgit.lib.FileMode.TYPE_MASK) == org.eclipse.jgit.lib.FileMode.TYPE_FILE) {
          files.put(tw.getPathString(), tw.getObjectId(0).name());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** The bytes of blob {@code id}, empty when the object is missing (a partial clone). */
  public Optional<byte[]> blob(String id) {
    try {
      return Optional.of(repo.open(ObjectId.fromString(id), Constants.OBJ_BLOB).getBytes(Integer.MAX_VALUE));
    } catch (MissingObjectException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The index against HEAD: what `git commit` would record. */
  public Change staged() {
    if (repo.isBare()) throw new UserError("a bare repository has no index to review: review a range of commits instead");
    try (RevWalk walk = new RevWalk(repo)) {
      ObjectId headId = repo.resolve(Constants.HEAD + "^{commit}");
      RevTree headTree = headId == null ? null : walk.parseCommit(headId).getTree();
      DirCache index = repo.readDirCache();
      // a conflicted path has up to three versions in the index and none of them is what will be
      // committed; git diff --cached shows no diff for it either
      if (index.hasUnmergedPaths()) throw new UserError(unmerged(index));
      BlobSide baseSide = headTree == null ? BlobSide.EMPTY : new TreeSide(headTree);
      BlobSide indexSide = new IndexSide(index);
      AbstractTreeIterator baseIter = headTree == null ? new EmptyTreeIterator() : treeParser(headTree);
      List<ChangedFile> files = changedFiles(scan(baseIter, new DirCacheIterator(index)), baseSide, indexSide);
      return new Change(Change.Kind.STAGED, "HEAD", "index", headId == null ? null : headId.name(), null, files, List.of(), new RepoContents(baseSide, indexSide));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The working tree against HEAD, tracked files only (as {@code git diff HEAD}). */
  public Change worktree() {
    if (repo.isBare()) throw new UserError("a bare repository has no working tree to review");
    try (RevWalk walk = new RevWalk(repo)) {
      ObjectId headId = repo.resolve(Constants.HEAD + "^{commit}");
      RevTree headTree = headId == null ? null : walk.parseCommit(headId).getTree();
      DirCache index = repo.readDirCache();
      BlobSide baseSide = headTree == null ? BlobSide.EMPTY : new TreeSide(headTree);
      BlobSide workSide = new WorkTreeSide(workTree(), maxDiffBytes);
      List<ChangedFile> files = changedFiles(scanWorktree(headTree, index), baseSide, workSide);
      return new Change(Change.Kind.WORKTREE, "HEAD", "working tree", headId == null ? null : headId.name(), null, files, List.of(), new RepoContents(baseSide, workSide));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Cloned with --filter: objects may be missing by design (git fetches them lazily from a promisor remote). */
  private boolean isPartialClone() {
    var config = repo.getConfig();
    if (config.getString("extensions", null, "partialclone") != null) return true;
    return config.getSubsections("remote").stream().anyMatch(r -> config.getBoolean("remote", r, "promisor", false));
  }

  private boolean isShallow() {
    // in a linked worktree (git worktree add) the shallow file is in the main repository's .git
    java.io.File common = repo.getCommonDirectory();
    return Files.exists((common != null ? common.toPath() : gitDir()).resolve("shallow"));
  }

  private ObjectId resolve(String ref) throws IOException {
    ObjectId id;
    try {
      id = repo.resolve(ref + "^{commit}");
    } catch (org.eclipse.jgit.errors.RevisionSyntaxException | org.eclipse.jgit.errors.AmbiguousObjectException e) {
      throw new UserError("'" + ref + "' is not a valid revision: " + e.getMessage(), e);
    } catch (org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
      // e.g. main^{tree} or HEAD:file: an object, but not one a review can start from
      throw new UserError("'" + ref + "' names a " + objectType(ref) + ", not a commit: give a branch, tag or commit.", e);
    }
    if (id == null) {
      throw new UserError("unknown revision '" + ref + "': no branch, tag or commit has that name here"
          + (ref.contains("/") ? " (if it is a remote branch, run `git fetch` first)" : "") + ".");
    }
    return id;
  }

  /** What {@code ref} names ("tree", "blob"), for an error message. */
  private String objectType(String ref) {
    try {
      ObjectId id = repo.resolve(ref);
      return id == null ? "non-commit object" : Constants.typeString(repo.open(id).getType());
    } catch (IOException | RuntimeException e) {
      return "non-commit object";
    }
  }

  private RevCommit mergeBase(RevWalk walk, RevCommit a, RevCommit b, String aName, String bName) throws IOException {
    walk.reset();
    walk.setRevFilter(RevFilter.MERGE_BASE);
    walk.markStart(a);
    walk.markStart(b);
    RevCommit base;
    try {
      base = walk.next();
    } catch (MissingObjectException e) {
      base = null;
    }
    walk.reset();
    walk.setRevFilter(RevFilter.ALL);
    if (base == null) {
      if (isShallow()) {
        throw new UserError("no merge-base of " + aName + " and " + bName + " in this shallow clone. Fetch more history "
            + "(`git fetch --deepen=200`, or `git fetch --unshallow`; in GitHub Actions set `fetch-depth: 0` on actions/checkout) and run again.");
      }
      throw new UserError(aName + " and " + bName + " have no common history, so there is no merge-base to compare against. Pass a --base that "
          + bName + " was branched from.");
    }
    return walk.parseCommit(base);
  }

  private List<Commit> commitsBetween(RevCommit base, RevCommit head) throws IOException {
    List<Commit> commits = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repo)) {
      // oldest first, as a reviewer reads them; parents always before children (committer dates
      // alone can go backwards after a rebase or on a skewed clock)
      walk.sort(RevSort.TOPO);
      walk.sort(RevSort.REVERSE, true);
      walk.markStart(walk.parseCommit(head));
      walk.markUninteresting(walk.parseCommit(base));
      for (RevCommit c : walk) {
        List<String> parents = new ArrayList<>();
        for (RevCommit p : c.getParents()) parents.add(p.name());
        commits.add(new Commit(c.name(), parents, person(c.getAuthorIdent()), person(c.getCommitterIdent()), c.getFullMessage()));
      }
    }
    return commits;
  }

  private static Person person(PersonIdent p) {
    return new Person(p.getName(), p.getEmailAddress(), p.getWhenAsInstant());
  }

  private CanonicalTreeParser treeParser(RevTree tree) throws IOException {
    CanonicalTreeParser p = new CanonicalTreeParser();
    try (var reader = repo.newObjectReader()) {
      p.reset(reader, tree);
    }
    return p;
  }

  /** The files that differ between two trees, renames detected. */
  private List<DiffEntry> scan(AbstractTreeIterator a, AbstractTreeIterator b) throws IOException {
    try (DiffFormatter df = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
      df.setRepository(repo);
      df.setDetectRenames(true);
      df.getRenameDetector().setBigFileThreshold((int) Math.min(Integer.MAX_VALUE, maxDiffBytes));
      return df.scan(a, b);
    }
  }

  /**
   * The tracked files that differ between HEAD and the working tree, renames detected: what
   * {@code git diff HEAD} lists. Untracked paths are left out before rename detection, so that an
   * untracked file cannot become a rename's target, and untracked or ignored directories (build
   * output, node_modules) are never walked. Files whose index stat data still match are not
   * re-read: their id comes from the index, as git does it.
   */
  private List<DiffEntry> scanWorktree(RevTree headTree, DirCache index) throws IOException {
    List<DiffEntry> entries = new ArrayList<>();
    try (ObjectReader reader = repo.newObjectReader(); TreeWalk walk = new TreeWalk(repo, reader)) {
      int base = walk.addTree(headTree == null ? new EmptyTreeIterator() : new CanonicalTreeParser(null, reader, headTree));
      int staged = walk.addTree(new DirCacheIterator(index));
      FileTreeIterator disk = new FileTreeIterator(repo);
      int work = walk.addTree(disk);
      disk.setDirCacheIterator(walk, staged);
      walk.setRecursive(true);
      Path root = workTree();
      walk.setFilter(new TreeFilter() {
        @Override
        public boolean include(TreeWalk w) {
          boolean tracked = w.getRawMode(base) != 0 || w.getRawMode(staged) != 0;
          if (!tracked) return false;
          if (w.isSubtree()) return true;
          if (w.getRawMode(base) == w.getRawMode(work) && w.idEqual(base, work)) return false;
          // a submodule that is not checked out is an empty directory: unchanged, as for git
          return !(FileMode.ofBits(w.getRawMode(base)) == FileMode.SUBMODULE && w.getRawMode(work) == 0
              && Files.isDirectory(root.resolve(w.getPathString()), LinkOption.NOFOLLOW_LINKS));
        }

        @Override
        public boolean shouldBeRecursive() {
          return true;
        }

        @Override
        public TreeFilter clone() {
          return this;
        }
      });
      while (walk.next()) {
        String path = walk.getPathString();
        org.eclipse.jgit.lib.FileMode oldMode = walk.getFileMode(base);
        DirCacheIterator inIndex = walk.getTree(staged, DirCacheIterator.class);
        FileTreeIterator onDisk = walk.getTree(work, FileTreeIterator.class); // the current directory's iterator, not the root's
        // the index's mode where the file system cannot tell (core.filemode=false, no symlinks)
        org.eclipse.jgit.lib.FileMode newMode = onDisk == null ? org.eclipse.jgit.lib.FileMode.MISSING
            : inIndex != null ? onDisk.getIndexFileMode(inIndex) : walk.getFileMode(work);
        ObjectId oldId = walk.getObjectId(base);
        ObjectId newId = newMode == org.eclipse.jgit.lib.FileMode.MISSING ? ObjectId.zeroId() : walk.getObjectId(work);
        if (newMode == org.eclipse.jgit.lib.FileMode.GITLINK && newId.equals(ObjectId.zeroId())) {
          continue; // a submodule directory without a repository: nothing to compare
        }
        boolean oldExists = oldMode != org.eclipse.jgit.lib.FileMode.MISSING;
        boolean newExists = newMode != org.eclipse.jgit.lib.FileMode.MISSING;
        if (oldExists && newExists && oldMode.getObjectType() == newMode.getObjectType()) {
          if (oldMode.equals(newMode) && oldId.equals(newId)) continue;
          entries.add(new WorktreeEntry(DiffEntry.ChangeType.MODIFY, path, path, oldMode, newMode, oldId, newId));
        } else {
          // a type change (file to symlink or submodule) is a deletion and an addition, as DiffEntry.scan does it
          if (oldExists) entries.add(new WorktreeEntry(DiffEntry.ChangeType.DELETE, path, DiffEntry.DEV_NULL, oldMode,
              org.eclipse.jgit.lib.FileMode.MISSING, oldId, ObjectId.zeroId()));
          if (newExists) entries.add(new WorktreeEntry(DiffEntry.ChangeType.ADD, DiffEntry.DEV_NULL, path,
              org.eclipse.jgit.lib.FileMode.MISSING, newMode, ObjectId.zeroId(), newId));
        }
      }
      RenameDetector renames = new RenameDetector(reader, repo.getConfig().get(DiffConfig.KEY));
      renames.setBigFileThreshold((int) Math.min(Integer.MAX_VALUE, maxDiffBytes));
      renames.addAll(entries);
      try {
        return renames.compute(new ContentSource.Pair(ContentSource.create(reader), ContentSource.create(new FileTreeIterator(repo))),
            NullProgressMonitor.INSTANCE);
      } catch (org.eclipse.jgit.api.errors.CanceledException e) {
        throw new IllegalStateException("rename detection cannot be cancelled here", e);
      }
    }
  }

  /** A diff entry made by hand ({@link DiffEntry}'s constructor is for subclasses only). */
  private static final class WorktreeEntry extends DiffEntry {
    WorktreeEntry(ChangeType type, String oldPath, String newPath, org.eclipse.jgit.lib.FileMode oldMode,
        org.eclipse.jgit.lib.FileMode newMode, ObjectId oldId, ObjectId newId) {
      this.changeType = type;
      this.oldPath = oldPath;
      this.newPath = newPath;
      this.oldMode = oldMode;
      this.newMode = newMode;
      this.oldId = org.eclipse.jgit.lib.AbbreviatedObjectId.fromObjectId(oldId);
      this.newId = org.eclipse.jgit.lib.AbbreviatedObjectId.fromObjectId(newId);
    }
  }

  private static String unmerged(DirCache index) {
    java.util.TreeSet<String> paths = new java.util.TreeSet<>();
    for (int i = 0; i < index.getEntryCount(); i++) {
      DirCacheEntry e = index.getEntry(i);
      if (e.getStage() != DirCacheEntry.STAGE_0) paths.add(e.getPathString());
    }
    String first = paths.first();
    return "the index has unresolved merge conflicts (" + first + (paths.size() > 1 ? " and " + (paths.size() - 1) + " more" : "")
        + "): resolve them and `git add` the files, or review the working tree with --worktree";
  }

  /** Our model of each entry, built in parallel. */
  private List<ChangedFile> changedFiles(List<DiffEntry> entries, BlobSide aSide, BlobSide bSide) throws IOException {
    // reading and diffing the files is most of the work: spread it over the cores (order is kept)
    try {
      return entries.parallelStream()
          .map(e -> {
            try {
              return changedFile(e, aSide, bSide);
            } catch (IOException ex) {
              throw new UncheckedIOException(ex);
            }
          })
          .toList();
    } catch (UncheckedIOException ex) {
      throw ex.getCause();
    }
  }

  private ChangedFile changedFile(DiffEntry e, BlobSide aSide, BlobSide bSide) throws IOException {
    FileStatus status = switch (e.getChangeType()) {
      case ADD -> FileStatus.ADDED;
      case MODIFY -> FileStatus.MODIFIED;
      case DELETE -> FileStatus.DELETED;
      case RENAME -> FileStatus.RENAMED;
      case COPY -> FileStatus.COPIED;
    };
    String oldPath = status == FileStatus.ADDED ? null : e.getOldPath();
    String newPath = status == FileStatus.DELETED ? null : e.getNewPath();
    FileMode oldMode = FileMode.ofBits(e.getOldMode().getBits());
    FileMode newMode = FileMode.ofBits(e.getNewMode().getBits());
    String oldBlob = oldPath == null ? null : e.getOldId().name();
    // the diff already knows both blob ids: seed them so contents are not looked up path by path.
    // Only blobs: a submodule's id is a commit of another repository, which must never be read.
    if (oldPath != null && e.getOldId().isComplete() && e.getOldMode().getObjectType() == Constants.OBJ_BLOB) {
      aSide.know(oldPath, e.getOldId().toObjectId());
    }
    if (newPath != null && e.getNewId().isComplete() && e.getNewMode().getObjectType() == Constants.OBJ_BLOB) {
      bSide.know(newPath, e.getNewId().toObjectId());
    }
    String newBlob = newPath == null ? null : bSide.id(newPath).orElse(e.getNewId().name());
    long oldSize = oldPath == null || oldMode == FileMode.SUBMODULE ? 0 : aSide.size(oldPath);
    long newSize = newPath == null ? -1 : newMode == FileMode.SUBMODULE ? 0 : bSide.size(newPath);
    boolean tooLarge = oldSize > maxDiffBytes || newSize > maxDiffBytes;
    boolean binary = false;
    List<Hunk> hunks = List.of();
    boolean textual = oldMode != FileMode.SUBMODULE && newMode != FileMode.SUBMODULE;
    if (tooLarge && textual) {
      // a large binary is what binary rules most want to see: look at the first bytes only
      binary = (oldPath != null && aSide.startsBinary(oldPath)) || (newPath != null && bSide.startsBinary(newPath));
    }
    if (!tooLarge && textual) {
      FileContent a = oldPath == null ? null : aSide.read(oldPath).orElse(null);
      FileContent b = newPath == null ? null : bSide.read(newPath).orElse(null);
      binary = (a != null && a.isBinary()) || (b != null && b.isBinary());
      if (!binary) {
        RawText ra = a == null ? RawText.EMPTY_TEXT : new RawText(a.bytes());
        RawText rb = b == null ? RawText.EMPTY_TEXT : new RawText(b.bytes());
        hunks = Hunks.of(Hunks.diff(ra, rb), a, b, 3);
      }
    }
    return new ChangedFile(status, oldPath, newPath, status == FileStatus.RENAMED || status == FileStatus.COPIED ? e.getScore() : 0,
        oldMode, newMode, oldBlob, newBlob, binary, tooLarge, newSize, hunks);
  }

  @Override
  public void close() {
    repo.close();
  }

  /** One side of a change: where a path's bytes come from. */
  private interface BlobSide {
    BlobSide EMPTY = new BlobSide() {
      @Override public Optional<String> id(String path) { return Optional.empty(); }
      @Override public long size(String path) { return -1; }
      @Override public Optional<FileContent> read(String path) { return Optional.empty(); }
    };

    Optional<String> id(String path);

    /** Records that {@code path} has blob {@code id} on this side, when the caller already knows. */
    default void know(String path, ObjectId id) {}

    long size(String path) throws IOException;

    Optional<FileContent> read(String path);

    /** Whether the file looks binary as git judges it (a NUL in the first 8000 bytes), reading only those bytes. */
    default boolean startsBinary(String path) {
      return read(path).map(FileContent::isBinary).orElse(false);
    }

    /** At most the first {@code maxBytes} bytes of the file. */
    default Optional<FileContent> start(String path, int maxBytes) {
      return read(path).map(c -> c.size() <= maxBytes ? c : new FileContent(path, c.blobId(), java.util.Arrays.copyOf(c.bytes(), maxBytes)));
    }
  }

  /** Git's binary test on the start of a stream: a NUL byte in the first 8000 bytes. */
  private static boolean startsBinary(java.io.InputStream in) throws IOException {
    byte[] head = in.readNBytes(BINARY_PROBE);
    for (byte b : head) {
      if (b == 0) return true;
    }
    return false;
  }

  private static final int BINARY_PROBE = 8000;

  /**
   * Blobs in git's object database, found by path in a tree or the index. Contents are cached by
   * path, not blob id: two files with the same bytes are still two files, each with its own path.
   * Safe for concurrent use: every read opens its own object reader.
   */
  private abstract class ObjectSide implements BlobSide {
    private final Map<String, Optional<ObjectId>> ids = new ConcurrentHashMap<>();
    private final Map<String, FileContent> contents = new ConcurrentHashMap<>();

    abstract Optional<ObjectId> lookup(String path) throws IOException;

    private Optional<ObjectId> objectId(String path) {
      return ids.computeIfAbsent(path, p -> {
        try {
          return lookup(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }

    @Override
    public Optional<String> id(String path) {
      return objectId(path).map(AnyObjectId::name);
    }

    @Override
    public void know(String path, ObjectId id) {
      ids.putIfAbsent(path, Optional.of(id));
    }

    @Override
    public long size(String path) throws IOException {
      Optional<ObjectId> id = objectId(path);
      if (id.isEmpty()) return -1;
      FileContent known = contents.get(path);
      if (known != null) return known.size();
      // the size comes from the object's header: a file over the limit is never inflated just to be
      // found too large (repo.open would inflate anything under core.streamFileThreshold, 50 MiB)
      long size;
      try (ObjectReader reader = repo.newObjectReader()) {
        size = reader.getObjectSize(id.get(), Constants.OBJ_BLOB);
        if (size > maxDiffBytes) return size;
        // a small object is read now anyway (for the diff): keep its bytes so reading it later costs nothing
        ObjectLoader loader = reader.open(id.get(), Constants.OBJ_BLOB);
        contents.putIfAbsent(path, new FileContent(path, id.get().name(), loader.getCachedBytes(Integer.MAX_VALUE)));
      }
      return size;
    }

    @Override
    public boolean startsBinary(String path) {
      Optional<ObjectId> id = objectId(path);
      if (id.isEmpty()) return false;
      FileContent known = contents.get(path);
      if (known != null) return known.isBinary();
      try (ObjectReader reader = repo.newObjectReader()) {
        // objects over the limit are streamed, not inflated whole, so only the first bytes are read
        reader.setStreamFileThreshold((int) Math.min(Integer.MAX_VALUE, maxDiffBytes));
        try (var in = reader.open(id.get(), Constants.OBJ_BLOB).openStream()) {
          return GitRepository.startsBinary(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public Optional<FileContent> start(String path, int maxBytes) {
      Optional<ObjectId> id = objectId(path);
      if (id.isEmpty()) return Optional.empty();
      FileContent known = contents.get(path);
      if (known != null && known.size() <= maxBytes) return Optional.of(known);
      try (ObjectReader reader = repo.newObjectReader()) {
        // streamed, as in startsBinary: a large object is never inflated whole for its first bytes
        reader.setStreamFileThreshold((int) Math.min(Integer.MAX_VALUE, maxDiffBytes));
        try (var in = reader.open(id.get(), Constants.OBJ_BLOB).openStream()) {
          return Optional.of(new FileContent(path, id.get().name(), in.readNBytes(maxBytes)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public Optional<FileContent> read(String path) {
      return objectId(path).map(id -> contents.computeIfAbsent(path, p -> {
        try (ObjectReader reader = repo.newObjectReader()) {
          return new FileContent(p, id.name(), reader.open(id, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }));
    }
  }

  private final class TreeSide extends ObjectSide {
    private final RevTree tree;

    TreeSide(RevTree tree) {
      this.tree = tree;
    }

    @Override
    Optional<ObjectId> lookup(String path) throws IOException {
      if (!SafePath.isSafe(path)) return Optional.empty();
      try (TreeWalk tw = TreeWalk.forPath(repo, path, tree)) {
        if (tw == null || tw.getFileMode(0).getObjectType() != Constants.OBJ_BLOB) return Optional.empty();
        return Optional.of(tw.getObjectId(0));
      }
    }
  }

  private final class IndexSide extends ObjectSide {
    private final DirCache index;

    IndexSide(DirCache index) {
      this.index = index;
    }

    @Override
    Optional<ObjectId> lookup(String path) {
      if (!SafePath.isSafe(path)) return Optional.empty();
      DirCacheEntry entry = index.getEntry(path);
      return entry == null || entry.getFileMode().getObjectType() != Constants.OBJ_BLOB ? Optional.empty() : Optional.of(entry.getObjectId());
    }
  }

  /**
   * Files on disk. A symlink's content is its target text: no link is ever followed, neither the
   * file itself nor a directory on its way (a tracked directory replaced by a link to /etc reads as
   * absent). Files over the size limit are hashed as a stream, never held whole. Safe for
   * concurrent use.
   */
  private static final class WorkTreeSide implements BlobSide {
    private final Path root;
    private final long maxDiffBytes;
    private final Map<String, Optional<FileContent>> contents = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> largeIds = new ConcurrentHashMap<>();

    WorkTreeSide(Path root, long maxDiffBytes) {
      this.root = root;
      this.maxDiffBytes = maxDiffBytes;
    }

    /** The file's attributes (of the link itself for a symlink), or null when it is absent or out of reach. */
    private java.nio.file.attribute.BasicFileAttributes attributes(String path) {
      if (!SafePath.isSafe(path)) return null;
      Path f = root;
      try {
        String[] parts = path.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
          f = f.resolve(parts[i]);
          if (!Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isDirectory()) return null;
        }
        var attrs = Files.readAttributes(f.resolve(parts[parts.length - 1]), java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        // a directory, FIFO or device is no file content (reading a FIFO would block)
        return attrs.isRegularFile() || attrs.isSymbolicLink() ? attrs : null;
      } catch (java.nio.file.NoSuchFileException | java.nio.file.NotDirectoryException e) {
        return null;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public Optional<String> id(String path) {
      var attrs = attributes(path);
      if (attrs == null) return Optional.empty();
      if (attrs.isSymbolicLink() || attrs.size() <= maxDiffBytes) return read(path).map(FileContent::blobId);
      return largeIds.computeIfAbsent(path, p -> {
        try (var in = Files.newInputStream(root.resolve(p), LinkOption.NOFOLLOW_LINKS)) {
          return Optional.of(new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, attrs.size(), in).name());
        } catch (java.nio.file.NoSuchFileException e) {
          return Optional.empty();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }

    @Override
    public long size(String path) {
      var attrs = attributes(path);
      if (attrs == null) return -1;
      // a link's size is its target text's length, as git stores it
      return attrs.isSymbolicLink() ? read(path).map(FileContent::size).orElse(-1L) : attrs.size();
    }

    @Override
    public boolean startsBinary(String path) {
      var attrs = attributes(path);
      if (attrs == null) return false;
      if (attrs.isSymbolicLink() || attrs.size() <= maxDiffBytes) return BlobSide.super.startsBinary(path);
      try (var in = Files.newInputStream(root.resolve(path), LinkOption.NOFOLLOW_LINKS)) {
        return GitRepository.startsBinary(in);
      } catch (java.nio.file.NoSuchFileException e) {
        return false;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public Optional<FileContent> read(String path) {
      return contents.computeIfAbsent(path, p -> {
        var attrs = attributes(p);
        if (attrs == null) return Optional.empty();
        Path f = root.resolve(p);
        try {
          byte[] bytes = attrs.isSymbolicLink()
              ? Files.readSymbolicLink(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)
              : Files.readAllBytes(f);
          String id = new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, bytes).name();
          return Optional.of(new FileContent(p, id, bytes));
        } catch (java.nio.file.NoSuchFileException e) {
          return Optional.empty(); // deleted while we looked
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  private record RepoContents(BlobSide base, BlobSide headSide) implements Contents {
    @Override
    public Optional<FileContent> head(String path) {
      return headSide.read(path);
    }

    @Override
    public Optional<FileContent> base(String path) {
      return base.read(path);
    }

    @Override
    public Optional<FileContent> headStart(String path, int maxBytes) {
      return headSide.start(path, maxBytes);
    }

    @Override
    public Optional<String> headId(String path) {
      return headSide.id(path);
    }

    @Override
    public Optional<String> baseId(String path) {
      return base.id(path);
    }
  }
}
