package dev.vetter.engine;

import dev.vetter.check.Input;
import dev.vetter.check.Glob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * What a caller hands a review from outside the repository's history: inputs it read itself (the
 * CLI's {@code --coverage FILE}) and, on a checkout, the work tree where a check may look for files by
 * glob (a rule's {@code reports} option). Checks see both through {@code ChangeContext.inputs}.
 */
public final class ReviewInputs {
  /** No inputs and no work tree: what a review on a server gets. */
  public static final ReviewInputs NONE = new ReviewInputs(List.of(), null);

  /** Guards against a glob such as {@code **} reading a whole repository into memory. */
  static final int MAX_FILES = 100;
  static final long MAX_BYTES = 512L << 20;

  private final List<Input> given;
  private final Path workTree;
  private final String digest;

  private ReviewInputs(List<Input> given, Path workTree) {
    this.given = List.copyOf(given);
    this.workTree = workTree;
    this.digest = digestOf(this.given);
  }

  /** {@code given} inputs, and the work tree globs are resolved in (null when there is none). */
  public static ReviewInputs of(List<Input> given, Path workTree) {
    return new ReviewInputs(given, workTree == null ? null : workTree.toAbsolutePath().normalize());
  }

  /** What {@code ChangeContext.inputs(kind, globs)} returns; {@code fromWorkTree} is told when files were read from the work tree. */
  List<Input> resolve(String kind, List<String> globs, Runnable fromWorkTree) {
    List<Input> ofKind = given.stream().filter(i -> i.kind().equals(kind)).toList();
    if (!ofKind.isEmpty() || workTree == null || globs == null || globs.isEmpty()) return ofKind;
    fromWorkTree.run();
    TreeSet<String> found = new TreeSet<>();
    for (String glob : globs) found.addAll(find(glob));
    if (found.size() > MAX_FILES) {
      throw new IllegalStateException("the globs " + globs + " match " + found.size() + " files; at most " + MAX_FILES + " are read");
    }
    List<Input> inputs = new ArrayList<>();
    for (String path : found) {
      Path file = workTree.resolve(path);
      try {
        if (Files.size(file) > MAX_BYTES) throw new IllegalStateException(path + " is larger than " + (MAX_BYTES >> 20) + " MiB");
        inputs.add(Input.of(kind, path, Files.readAllBytes(file)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + path, e);
      }
    }
    return inputs;
  }

  /** Identifies the given inputs' contents, for cache keys; the work tree is not included (results read from it are not cached). */
  String digest() {
    return digest;
  }

  /** Repository-relative paths of regular files matching {@code glob}; never outside the work tree. */
  private List<String> find(String glob) {
    String g = glob.replace('\\', '/');
    if (g.isBlank() || g.startsWith("/") || g.matches("^[A-Za-z]:.*") || List.of(g.split("/")).contains("..")) {
      throw new IllegalArgumentException("'" + glob + "' must be a path relative to the repository root, without '..'");
    }
    Glob matcher = Glob.compile("/" + g);
    String[] segments = g.split("/");
    if (java.util.Arrays.stream(segments).noneMatch(ReviewInputs::isWild)) {
      Path file = workTree.resolve(g);
      return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && inside(file) ? List.of(g) : List.of();
    }
    // walk only below the glob's literal leading directories
    Path start = workTree;
    for (int i = 0; i < segments.length - 1 && !isWild(segments[i]); i++) start = start.resolve(segments[i]);
    if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS) || !inside(start)) return List.of();
    List<String> hits = new ArrayList<>();
    try {
      Files.walkFileTree(start, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          return dir.getFileName() != null && dir.getFileName().toString().equals(".git") ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          String rel = workTree.relativize(file).toString().replace('\\', '/');
          if (attrs.isRegularFile() && matcher.matches(rel)) hits.add(rel);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot search " + start + " for " + glob, e);
    }
    return hits;
  }

  // a symbolic link on the way must not lead out of the work tree
  private boolean inside(Path p) {
    try {
      return p.toRealPath().startsWith(workTree.toRealPath());
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isWild(String segment) {
    return segment.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{' || c == '\\');
  }

  private static String digestOf(List<Input> inputs) {
    if (inputs.isEmpty()) return "";
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (Input in : inputs) {
        sha.update((in.kind() + "\0" + in.name() + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (var stream = in.open()) {
          for (int n; (n = stream.read(buffer)) > 0; ) sha.update(buffer, 0, n);
        }
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException | IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
