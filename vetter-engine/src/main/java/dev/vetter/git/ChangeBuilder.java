package dev.vetter.git;

import static java.util.Objects.requireNonNull;

import dev.vetter.change.Change;
import dev.vetter.change.ChangedFile;
import dev.vetter.change.Commit;
import dev.vetter.change.Contents;
import dev.vetter.change.FileContent;
import dev.vetter.change.FileMode;
import dev.vetter.change.FileStatus;
import dev.vetter.change.Hunk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;

/**
 * Builds a {@link Change} from a file list someone else computed (a forge's pull-request API) and file contents
 * read on demand, with hunks from the same git-compatible diff {@link GitRepository} uses: a review built here
 * finds what {@code vetter review} finds on the same commits. Modes are not known this way: every file present on
 * a side is {@link FileMode#REGULAR}.
 */
public final class ChangeBuilder {
  private ChangeBuilder() {}

  /** Which side of the change a path is read at. */
  public enum Side { BASE, HEAD }

  /**
   * Reads file bytes for a change; called lazily, possibly from several threads, at most once per side and path.
   * {@code blobHint} is the blob id when the forge named one (null otherwise), so a reader can fetch by id.
   */
  @FunctionalInterface
  public interface Reader {
    Optional<byte[]> read(Side side, String path, String blobHint);
  }

  /**
   * One changed file as a forge lists it.
   *
   * @param oldPath path at base, null for an added file
   * @param newPath path at head, null for a deleted file
   * @param newBlob the head blob id if the forge gives it, else null
   */
  public record Entry(FileStatus status, String oldPath, String newPath, String newBlob) {
    public Entry {
      requireNonNull(status, "status == null");
      if (oldPath == null && newPath == null) throw new IllegalArgumentException("an entry needs a path");
    }
  }

  /**
   * The change from {@code baseCommit} (the merge-base, as {@link GitRepository#range} uses) to {@code headCommit}.
   *
   * @param base, head human-readable names (branch names)
   * @param maxDiffBytes files larger than this get no hunks, as with {@link GitRepository#open(java.nio.file.Path, long)}
   */
  public static Change range(String base, String head, String baseCommit, String headCommit, List<Entry> entries, List<Commit> commits,
      Reader reader, long maxDiffBytes) {
    requireNonNull(reader, "reader == null");
    SideReader baseSide = new SideReader(Side.BASE, reader);
    SideReader headSide = new SideReader(Side.HEAD, reader);
    List<ChangedFile> files = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      if (e.newPath() != null && e.newBlob() != null) headSide.hints.put(e.newPath(), e.newBlob());
      files.add(file(e, baseSide, headSide, maxDiffBytes));
    }
    // git lists changed files in path order (a rename under its new path); forges may not
    files.sort(java.util.Comparator.comparing(ChangedFile::path));
    return new Change(Change.Kind.RANGE, base, head, baseCommit, headCommit, files, commits, new SideContents(baseSide, headSide));
  }

  /** The blob id git gives {@code bytes}. */
  public static String blobId(byte[] bytes) {
    return new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, bytes).name();
  }

  private static ChangedFile file(Entry e, SideReader baseSide, SideReader headSide, long maxDiffBytes) {
    String oldPath = e.status() == FileStatus.ADDED ? null : e.oldPath() != null ? e.oldPath() : e.newPath();
    String newPath = e.status() == FileStatus.DELETED ? null : e.newPath() != null ? e.newPath() : e.oldPath();
    FileContent a = oldPath == null ? null : baseSide.read(oldPath).orElse(null);
    FileContent b = newPath == null ? null : headSide.read(newPath).orElse(null);
    long oldSize = a == null ? 0 : a.size();
    long newSize = b == null ? -1 : b.size();
    boolean tooLarge = oldSize > maxDiffBytes || newSize > maxDiffBytes;
    boolean binary = (a != null && a.isBinary()) || (b != null && b.isBinary());
    List<Hunk> hunks = List.of();
    if (!tooLarge && !binary) {
      RawText ra = a == null ? RawText.EMPTY_TEXT : new RawText(a.bytes());
      RawText rb = b == null ? RawText.EMPTY_TEXT : new RawText(b.bytes());
      hunks = Hunks.of(Hunks.diff(ra, rb), a, b, 3);
    }
    return new ChangedFile(e.status(), oldPath, newPath, 0,
        oldPath == null ? FileMode.MISSING : FileMode.REGULAR, newPath == null ? FileMode.MISSING : FileMode.REGULAR,
        a == null ? null : a.blobId(), b == null ? null : b.blobId(), binary, tooLarge, newSize, hunks);
  }

  /** One side's contents, read once per path and kept. */
  private static final class SideReader {
    final Side side;
    final Reader reader;
    final Map<String, String> hints = new ConcurrentHashMap<>();
    final Map<String, Optional<FileContent>> contents = new ConcurrentHashMap<>();

    SideReader(Side side, Reader reader) {
      this.side = side;
      this.reader = reader;
    }

    Optional<FileContent> read(String path) {
      if (!SafePath.isSafe(path)) return Optional.empty();
      return contents.computeIfAbsent(path, p -> reader.read(side, p, hints.get(p)).map(bytes -> new FileContent(p, blobId(bytes), bytes)));
    }
  }

  private record SideContents(SideReader base, SideReader head) implements Contents {
    @Override
    public Optional<FileContent> head(String path) {
      return head.read(path);
    }

    @Override
    public Optional<FileContent> base(String path) {
      return base.read(path);
    }

    @Override
    public Optional<String> headId(String path) {
      return head.read(path).map(FileContent::blobId);
    }
  }
}
