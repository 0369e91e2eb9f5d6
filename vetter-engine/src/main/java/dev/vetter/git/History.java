package dev.vetter.git;

import dev.vetter.change.Change;
import dev.vetter.change.ChangedFile;
import dev.vetter.change.Commit;
import dev.vetter.change.Contents;
import dev.vetter.change.DiffLine;
import dev.vetter.change.FileContent;
import dev.vetter.change.FileMode;
import dev.vetter.change.FileStatus;
import dev.vetter.change.Hunk;
import dev.vetter.change.Person;
import dev.vetter.engine.HistoryScanner;
import dev.vetter.engine.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectIdOwnerMap;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The commits of a branch (or of every ref) as a source for {@link HistoryScanner}: each commit
 * against its first parent (a root commit against the empty tree), text files only by their added
 * lines. A blob (file content) is read at most once in the whole walk, at the first commit that has it:
 * a file renamed, copied, reverted to an earlier version or brought in again by a merge is not read
 * again, because every one of its lines was already added by an earlier commit.
 */
public final class History implements HistoryScanner.CommitSource, AutoCloseable {

  /**
   * What to walk.
   *
   * @param refs the refs whose history is scanned ({@code HEAD}, a branch); empty with {@code all}
   * @param all every branch, tag and remote-tracking branch
   * @param since commits reachable from it are left out, as in {@code git log since..ref}; null for none
   * @param maxCount at most this many commits, the most recent ones; 0 for no limit
   */
  public record Range(List<String> refs, boolean all, String since, int maxCount) {
    public Range {
      refs = List.copyOf(refs);
      if (maxCount < 0) throw new IllegalArgumentException("max-count must not be negative, was " + maxCount);
    }
  }

  private final Repository repo;
  private final long maxFileBytes;
  private final Change overview;
  private final List<RevCommit> commits;
  // blobs already handed out, and the walker's reader; both used by the one thread that calls change(i)
  private final ObjectIdOwnerMap<ObjectIdOwnerMap.Entry> seen = new ObjectIdOwnerMap<>();
  private final ObjectReader walker;

  private History(Repository repo, long maxFileBytes, Change overview, List<RevCommit> commits) {
    this.repo = repo;
    this.maxFileBytes = maxFileBytes;
    this.overview = overview;
    this.commits = commits;
    this.walker = repo.newObjectReader();
  }

  /** The commits {@code range} names in {@code git}, parents before children. */
  public static History of(GitRepository git, Range range, long maxFileBytes) {
    Repository repo = git.jgit();
    try (RevWalk walk = new RevWalk(repo)) {
      List<String> names = new ArrayList<>();
      if (range.all()) {
        for (Ref r : repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS, Constants.R_TAGS, Constants.R_REMOTES)) {
          ObjectId id = r.getPeeledObjectId() != null ? r.getPeeledObjectId() : r.getObjectId();
          if (id == null) continue;
          var obj = walk.parseAny(id);
          while (obj instanceof org.eclipse.jgit.revwalk.RevTag tag) obj = walk.parseAny(tag.getObject());
          if (obj instanceof RevCommit c) {
            walk.markStart(c);
            names.add(Repository.shortenRefName(r.getName()));
          }
        }
        if (names.isEmpty()) throw new UserError("the repository has no branches or tags to scan");
      } else {
        for (String ref : range.refs()) {
          walk.markStart(walk.parseCommit(resolve(repo, ref)));
          names.add(ref);
        }
      }
      if (range.since() != null) walk.markUninteresting(walk.parseCommit(resolve(repo, range.since())));
      walk.sort(RevSort.TOPO);
      List<RevCommit> newestFirst = new ArrayList<>();
      for (RevCommit c : walk) {
        newestFirst.add(c);
        if (range.maxCount() > 0 && newestFirst.size() == range.maxCount()) break;
      }
      List<RevCommit> list = new ArrayList<>(newestFirst);
      Collections.reverse(list);
      List<Commit> model = new ArrayList<>(list.size());
      for (RevCommit c : list) {
        List<String> parents = new ArrayList<>();
        for (RevCommit p : c.getParents()) parents.add(p.name());
        model.add(new Commit(c.name(), parents, person(c.getAuthorIdent()), person(c.getCommitterIdent()), c.getFullMessage()));
      }
      String head = range.all() ? "--all" : String.join(" ", names);
      String tip = newestFirst.isEmpty() ? null : newestFirst.get(0).name();
      Change overview = new Change(Change.Kind.HISTORY, range.since() == null ? "" : range.since(), head,
          range.since() == null ? null : resolve(repo, range.since()).name(), tip, List.of(), model, NO_CONTENTS);
      return new History(repo, maxFileBytes, overview, list);
    } catch (MissingObjectException e) {
      throw new UserError("object " + e.getObjectId().name() + " is missing from the repository (a shallow or partial clone?): "
          + "fetch the whole history first (`git fetch --unshallow`)", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectId resolve(Repository repo, String ref) throws IOException {
    ObjectId id;
    try {
      id = repo.resolve(ref + "^{commit}");
    } catch (org.eclipse.jgit.errors.RevisionSyntaxException | org.eclipse.jgit.errors.AmbiguousObjectException
        | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
      throw new UserError("'" + ref + "' is not a commit: give a branch, tag or commit", e);
    }
    if (id == null) throw new UserError("unknown revision '" + ref + "': no branch, tag or commit has that name here");
    return id;
  }

  private static Person person(PersonIdent p) {
    return new Person(p.getName(), p.getEmailAddress(), p.getWhenAsInstant());
  }

  @Override
  public Change overview() {
    return overview;
  }

  /** One file a commit brings in: its path, and the blobs before and after. */
  private record Entry(String path, ObjectId oldId, ObjectId newId, FileMode mode) {}

  @Override
  public Callable<Change> change(int index) throws IOException {
    RevCommit c = commits.get(index);
    RevTree tree = c.getTree();
    RevTree parent = c.getParentCount() == 0 ? null : parentTree(c);
    List<Entry> entries = new ArrayList<>();
    // a tree walk compares tree ids first, so folders the commit did not touch are skipped whole
    try (TreeWalk tw = new TreeWalk(walker)) {
      if (parent == null) tw.addTree(new EmptyTreeIterator());
      else tw.addTree(parent);
      tw.addTree(tree);
      tw.setRecursive(true);
      tw.setFilter(TreeFilter.ANY_DIFF);
      while (tw.next()) {
        org.eclipse.jgit.lib.FileMode mode = tw.getFileMode(1);
        // files only: a symlink's text is a path, a submodule's id is a commit of another repository
        if (mode != org.eclipse.jgit.lib.FileMode.REGULAR_FILE && mode != org.eclipse.jgit.lib.FileMode.EXECUTABLE_FILE) continue;
        ObjectId id = tw.getObjectId(1);
        if (seen.contains(id)) continue;
        seen.add(new ObjectIdOwnerMap.Entry(id) {});
        org.eclipse.jgit.lib.FileMode old = tw.getFileMode(0);
        boolean hadFile = old == org.eclipse.jgit.lib.FileMode.REGULAR_FILE || old == org.eclipse.jgit.lib.FileMode.EXECUTABLE_FILE;
        entries.add(new Entry(tw.getPathString(), hadFile ? tw.getObjectId(0) : null, id, FileMode.ofBits(mode.getBits())));
      }
    }
    String parentId = c.getParentCount() == 0 ? null : c.getParent(0).name();
    Commit model = overview.commits().get(index);
    return () -> change(model, parentId, parent, tree, entries);
  }

  private RevTree parentTree(RevCommit c) throws IOException {
    RevCommit p = c.getParent(0);
    if (p.getTree() == null) {
      try (RevWalk w = new RevWalk(walker)) {
        return w.parseCommit(p).getTree();
      }
    }
    return p.getTree();
  }

  private Change change(Commit commit, String parentId, RevTree parent, RevTree tree, List<Entry> entries) throws IOException {
    List<ChangedFile> files = new ArrayList<>(entries.size());
    Map<String, FileContent> heads = new ConcurrentHashMap<>();
    try (ObjectReader reader = repo.newObjectReader()) {
      for (Entry e : entries) {
        long size = reader.getObjectSize(e.newId(), Constants.OBJ_BLOB);
        FileStatus status = e.oldId() == null ? FileStatus.ADDED : FileStatus.MODIFIED;
        FileMode oldMode = e.oldId() == null ? FileMode.MISSING : e.mode();
        String oldPath = e.oldId() == null ? null : e.path();
        String oldBlob = e.oldId() == null ? null : e.oldId().name();
        if (size > maxFileBytes) {
          files.add(new ChangedFile(status, oldPath, e.path(), 0, oldMode, e.mode(), oldBlob, e.newId().name(), false, true, size, List.of()));
          continue;
        }
        byte[] bytes = reader.open(e.newId(), Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
        FileContent head = new FileContent(e.path(), e.newId().name(), bytes);
        heads.put(e.path(), head);
        if (head.isBinary()) {
          files.add(new ChangedFile(status, oldPath, e.path(), 0, oldMode, e.mode(), oldBlob, e.newId().name(), true, false, size, List.of()));
          continue;
        }
        RawText b = new RawText(bytes);
        RawText a = RawText.EMPTY_TEXT;
        if (e.oldId() != null && reader.getObjectSize(e.oldId(), Constants.OBJ_BLOB) <= maxFileBytes) {
          byte[] old = reader.open(e.oldId(), Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
          // a binary file that became text: all its lines are new
          if (!RawText.isBinary(old)) a = new RawText(old);
        }
        files.add(new ChangedFile(status, oldPath, e.path(), 0, oldMode, e.mode(), oldBlob, e.newId().name(), false, false, size,
            addedHunks(a, b)));
      }
    }
    return new Change(Change.Kind.RANGE, parentId == null ? "" : parentId, commit.id(), parentId, commit.id(), files, List.of(commit),
        new CommitContents(parent, tree, heads));
  }

  /** Hunks of the added lines only, no context: all a history scan reads. */
  static List<Hunk> addedHunks(RawText a, RawText b) {
    EditList edits = a.size() == 0
        ? EditList.singleton(new Edit(0, 0, 0, b.size()))
        : DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM).diff(RawTextComparator.DEFAULT, a, b);
    List<Hunk> hunks = new ArrayList<>(edits.size());
    for (Edit e : edits) {
      if (e.getEndB() <= e.getBeginB()) continue;
      List<DiffLine> added = new ArrayList<>(e.getEndB() - e.getBeginB());
      // only the added lines are decoded, as FileContent decodes them (UTF-8, CRLF ends a line): not the whole file
      for (int i = e.getBeginB(); i < e.getEndB(); i++) added.add(new DiffLine(DiffLine.Kind.ADDED, 0, i + 1, line(b, i)));
      hunks.add(new Hunk(e.getBeginA(), 0, e.getBeginB() + 1, added.size(), added));
    }
    return hunks;
  }

  private static String line(RawText text, int i) {
    java.nio.ByteBuffer raw = text.getRawString(i);
    int end = raw.limit();
    byte[] bytes = raw.array();
    if (end > raw.position() && bytes[raw.arrayOffset() + end - 1] == '\n') end--;
    if (end > raw.position() && bytes[raw.arrayOffset() + end - 1] == '\r') end--;
    String s = new String(bytes, raw.arrayOffset() + raw.position(), end - raw.position(), java.nio.charset.StandardCharsets.UTF_8);
    return i == 0 && s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  /** Files at one commit and its parent, read on demand. */
  private final class CommitContents implements Contents {
    private final RevTree parent;
    private final RevTree tree;
    private final Map<String, FileContent> heads;

    CommitContents(RevTree parent, RevTree tree, Map<String, FileContent> heads) {
      this.parent = parent;
      this.tree = tree;
      this.heads = heads;
    }

    @Override
    public Optional<FileContent> head(String path) {
      FileContent known = heads.get(path);
      return known != null ? Optional.of(known) : read(tree, path);
    }

    @Override
    public Optional<FileContent> base(String path) {
      return parent == null ? Optional.empty() : read(parent, path);
    }

    @Override
    public Optional<String> headId(String path) {
      FileContent known = heads.get(path);
      return known != null ? Optional.of(known.blobId()) : head(path).map(FileContent::blobId);
    }

    private Optional<FileContent> read(RevTree t, String path) {
      if (!SafePath.isSafe(path)) return Optional.empty();
      try (ObjectReader reader = repo.newObjectReader(); TreeWalk tw = TreeWalk.forPath(reader, path, t)) {
        if (tw == null || tw.getFileMode(0).getObjectType() != Constants.OBJ_BLOB) return Optional.empty();
        ObjectId id = tw.getObjectId(0);
        if (reader.getObjectSize(id, Constants.OBJ_BLOB) > maxFileBytes) return Optional.empty();
        return Optional.of(new FileContent(path, id.name(), reader.open(id, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public void close() {
    walker.close();
  }

  private static final Contents NO_CONTENTS = new Contents() {
    @Override
    public Optional<FileContent> head(String path) {
      return Optional.empty();
    }

    @Override
    public Optional<FileContent> base(String path) {
      return Optional.empty();
    }

    @Override
    public Optional<String> headId(String path) {
      return Optional.empty();
    }
  };
}
