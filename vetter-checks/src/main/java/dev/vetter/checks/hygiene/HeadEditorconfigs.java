package dev.vetter.checks.hygiene;

import dev.vetter.change.FileContent;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.ec4j.core.Cache;
import org.ec4j.core.EditorConfigLoader;
import org.ec4j.core.PropertyTypeRegistry;
import org.ec4j.core.Resource;
import org.ec4j.core.ResourcePath;
import org.ec4j.core.ResourceProperties;
import org.ec4j.core.ResourcePropertiesService;
import org.ec4j.core.model.EditorConfig;
import org.ec4j.core.model.Ec4jPath;
import org.ec4j.core.model.Ec4jPath.Ec4jPaths;
import org.ec4j.core.model.Version;
import org.ec4j.core.model.PropertyType;
import org.ec4j.core.parser.ErrorHandler;
import org.ec4j.core.parser.ParseException;

/**
 * EditorConfig lookup over the repository at head, for ec4j: the folders and files ec4j walks are
 * repository paths, and every {@code .editorconfig} it looks for is read through {@code readHead}
 * (never the file system), so the engine records each one (present or absent) as a dependency of
 * the cached result. ec4j's own algorithm does the rest: walk up from the file's folder to the
 * repository root or a {@code root = true} file, and apply matching sections top-down.
 *
 * <p>Not thread-safe (ec4j's loader keeps parse state): make one per check invocation.
 */
final class HeadEditorconfigs {
  static final String FILE_NAME = ".editorconfig";

  // Parsed files by blob id: a blob id names the exact bytes, so this never serves a stale parse.
  // Bounded crudely; a review touches a handful of .editorconfig files.
  private static final Map<String, EditorConfig> PARSED = new ConcurrentHashMap<>();
  private static final int MAX_PARSED = 512;

  private final Function<String, Optional<FileContent>> readHead;
  private final ResourcePropertiesService service;

  /**
   * The property types the rule understands: EditorConfig's standard ones plus {@code max_line_length}
   * (which ec4j leaves out of its defaults, so its values would stay untyped strings).
   */
  static final PropertyTypeRegistry TYPES = PropertyTypeRegistry.builder().defaults().type(PropertyType.max_line_length).build();

  /**
   * A loader for {@code version} of the spec. Invalid values are dropped (ec4j then treats the
   * property as unset); a syntax error stops the parse with a {@link ParseException}, because ec4j's
   * parser cannot go on after one.
   */
  static EditorConfigLoader loader(Version version) {
    return EditorConfigLoader.of(version, TYPES, ErrorHandler.THROW_SYNTAX_ERRORS_IGNORE_OTHERS);
  }

  /**
   * The lookup a check uses: {@code .editorconfig} files, the current spec version, unset values
   * dropped. Lookups fail with a {@link ParseException} when a file on the way has a syntax error.
   */
  HeadEditorconfigs(Function<String, Optional<FileContent>> readHead) {
    this(readHead, FILE_NAME, loader(Version.CURRENT), false, BY_BLOB);
  }

  /**
   * A lookup with other settings, through the same code: the corpus test looks for another file
   * name, emulates older spec versions and keeps {@code unset} values as the reference tool prints them.
   */
  HeadEditorconfigs(Function<String, Optional<FileContent>> readHead, String configFileName, EditorConfigLoader loader, boolean keepUnset) {
    this(readHead, configFileName, loader, keepUnset, Cache.Caches.none());
  }

  private HeadEditorconfigs(Function<String, Optional<FileContent>> readHead, String configFileName, EditorConfigLoader loader,
      boolean keepUnset, Cache cache) {
    this.readHead = readHead;
    this.service = ResourcePropertiesService.builder()
        .configFileName(configFileName)
        .loader(loader)
        .keepUnset(keepUnset)
        .cache(cache)
        .build();
  }

  /** The properties that apply to {@code path} (a repository path, no leading slash). */
  ResourceProperties properties(String path) throws IOException {
    return service.queryProperties(new HeadFile(Ec4jPaths.of("/" + path)));
  }

  private static final Cache BY_BLOB = (resource, loader) -> {
    String blob = resource instanceof HeadFile f ? f.blobId() : null;
    if (blob == null) return loader.load(resource);
    EditorConfig cached = PARSED.get(blob);
    if (cached != null) return cached;
    EditorConfig parsed = loader.load(resource);
    if (PARSED.size() >= MAX_PARSED) PARSED.clear();
    PARSED.put(blob, parsed);
    return parsed;
  };

  private static String repoPath(Ec4jPath path) {
    String p = path.toString();
    return p.startsWith("/") ? p.substring(1) : p;
  }

  /** A file at head; read at most once. */
  private final class HeadFile implements Resource {
    private final Ec4jPath path;
    private Optional<FileContent> content;

    HeadFile(Ec4jPath path) {
      this.path = path;
    }

    private Optional<FileContent> content() {
      if (content == null) content = path.isAbsolute() ? readHead.apply(repoPath(path)) : Optional.empty();
      return content;
    }

    String blobId() {
      return content().map(FileContent::blobId).orElse(null);
    }

    @Override
    public boolean exists() {
      return content().isPresent();
    }

    @Override
    public ResourcePath getParent() {
      Ec4jPath parent = path.getParentPath();
      return parent == null ? null : new HeadFolder(parent);
    }

    @Override
    public Ec4jPath getPath() {
      return path;
    }

    @Override
    public RandomReader openRandomReader() throws IOException {
      String text = text();
      return new RandomReader() {
        @Override
        public long getLength() {
          return text.length();
        }

        @Override
        public char read(long offset) {
          return text.charAt((int) offset);
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public Reader openReader() throws IOException {
      return new StringReader(text());
    }

    private String text() throws IOException {
      return content().orElseThrow(() -> new IOException(path + " does not exist at head")).text();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof HeadFile other && path.equals(other.path);
    }

    @Override
    public int hashCode() {
      return path.hashCode();
    }

    @Override
    public String toString() {
      return "head:" + path;
    }
  }

  /** A folder at head; only ever asked for the files it might hold. */
  private final class HeadFolder implements ResourcePath {
    private final Ec4jPath path;

    HeadFolder(Ec4jPath path) {
      this.path = path;
    }

    @Override
    public ResourcePath getParent() {
      Ec4jPath parent = path.getParentPath();
      return parent == null ? null : new HeadFolder(parent);
    }

    @Override
    public Ec4jPath getPath() {
      return path;
    }

    @Override
    public boolean hasParent() {
      return path.getParentPath() != null;
    }

    @Override
    public Resource relativize(Resource resource) {
      // used only to match section globs against the path below this folder; never read
      return new HeadFile(path.relativize(resource.getPath()));
    }

    @Override
    public Resource resolve(String name) {
      return new HeadFile(path.resolve(name));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof HeadFolder other && path.equals(other.path);
    }

    @Override
    public int hashCode() {
      return path.hashCode();
    }

    @Override
    public String toString() {
      return "head:" + path;
    }
  }
}
