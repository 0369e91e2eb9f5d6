package dev.vetter.checks.owners;

import com.google.re2j.Pattern;
import dev.vetter.change.FileContent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A parsed CODEOWNERS file: who owns which paths, and whose approval a change needs. GitHub's format
 * (a path pattern, then owners; the last matching line wins; a line without owners clears ownership),
 * plus GitLab's sections: {@code [Name]}, optional {@code ^[Name]}, an approval count {@code [Name][2]}
 * and default owners after the heading. Lines before the first section form an unnamed section; each
 * section is matched on its own, so a path can have owners from several sections (GitHub files have
 * only the unnamed one). Patterns follow {@link OwnerPattern}.
 *
 * <p>Parsing never fails: problems are collected with their line and column ({@link #problems()}); a
 * line whose pattern is invalid is skipped, an invalid owner is left out of its line. Immutable and
 * thread-safe, so one parsed file can serve many lookups (the server may cache it per revision).
 */
public final class CodeOwners {
  /** Where GitHub looks for the file, in its order: the first that exists is used. */
  public static final List<String> LOCATIONS = List.of(".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS");

  /** The unnamed section of lines before any heading. */
  public static final Section UNNAMED = new Section("", false, 1, List.of(), 0);

  private static final Pattern USER = Pattern.compile("@[A-Za-z0-9_][A-Za-z0-9_.-]*");
  private static final Pattern TEAM = Pattern.compile("@[A-Za-z0-9_][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_][A-Za-z0-9_.-]*)+");
  private static final Pattern ROLE = Pattern.compile("@@(?:developer|maintainer|owner)s?");
  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9.!#$%&'*+=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");

  private final List<Rule> rules;
  private final List<OwnerPattern> patterns;
  private final List<Section> sections;
  private final List<Problem> problems;

  private CodeOwners(List<Rule> rules, List<OwnerPattern> patterns, List<Section> sections, List<Problem> problems) {
    this.rules = List.copyOf(rules);
    this.patterns = List.copyOf(patterns);
    this.sections = List.copyOf(sections);
    this.problems = List.copyOf(problems);
  }

  /** An owner as written: a user ({@code @octocat}), a team ({@code @org/team}), an email address or a GitLab role ({@code @@maintainer}). */
  public record Owner(String name, Kind kind) {
    public enum Kind { USER, TEAM, EMAIL, ROLE }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * A section: GitLab's {@code [Name]} heading, or {@link #UNNAMED}.
   *
   * @param approvals approvals the section requires (GitLab's {@code [Name][2]}; 1 by default)
   * @param defaultOwners owners of the section's lines that name none
   * @param line the heading's line, 0 for the unnamed section
   */
  public record Section(String name, boolean optional, int approvals, List<Owner> defaultOwners, int line) {
    public Section {
      defaultOwners = List.copyOf(defaultOwners);
    }

    /** Sections with the same name, in any case, are one section (as on GitLab). */
    public String key() {
      return name.toLowerCase(Locale.ROOT);
    }
  }

  /** One pattern line; {@code owners} as written (empty when the line clears ownership or relies on section defaults). */
  public record Rule(int line, String pattern, List<Owner> owners, Section section) {
    public Rule {
      owners = List.copyOf(owners);
    }
  }

  /** A problem in the file; line and column are 1-based. */
  public record Problem(int line, int column, Kind kind, String message) {
    /** SYNTAX: a line that cannot be read as intended; INVALID_OWNER: an owner in no known form. */
    public enum Kind { SYNTAX, INVALID_OWNER }
  }

  /** The line that decides a path's owners within one section, and the owners it gives (its own, else the section's defaults). */
  public record Match(Section section, Rule rule, List<Owner> owners) {
    public Match {
      owners = List.copyOf(owners);
    }
  }

  /** The owners of one path: at most one match per section, in the order sections first appear. */
  public record PathOwners(String path, List<Match> matches) {
    public PathOwners {
      matches = List.copyOf(matches);
    }

    /** Every owner from every section, each once, in order. */
    public List<Owner> owners() {
      LinkedHashSet<Owner> all = new LinkedHashSet<>();
      matches.forEach(m -> all.addAll(m.owners()));
      return List.copyOf(all);
    }

    /** Whether someone owns the path. */
    public boolean owned() {
      return matches.stream().anyMatch(m -> !m.owners().isEmpty());
    }

    /** Whether lines match the path but all of them leave it without owners on purpose. */
    public boolean cleared() {
      return !matches.isEmpty() && !owned();
    }
  }

  /**
   * What approving a change takes. Each requirement is a group of owners of which {@code approvals}
   * must approve (one for GitHub; GitLab sections may ask for more). {@code approvers} is a smallest
   * set of owners that satisfies every requirement; it is exact when {@code exact} is true, and a
   * greedy approximation when the search would have been too large (see {@link ApprovalCover}).
   */
  public record ApprovalPlan(List<PathOwners> files, List<Requirement> requirements, List<Owner> approvers, boolean exact) {
    public ApprovalPlan {
      files = List.copyOf(files);
      requirements = List.copyOf(requirements);
      approvers = List.copyOf(approvers);
    }

    /** Paths of the change that no one owns (their approval cannot be required). */
    public List<String> unowned() {
      return files.stream().filter(f -> !f.owned()).map(PathOwners::path).toList();
    }
  }

  /** A group of owners whose approval some files need; optional sections give no requirement. */
  public record Requirement(Section section, List<Owner> owners, int approvals, List<String> paths) {
    public Requirement {
      owners = List.copyOf(owners);
      paths = List.copyOf(paths);
    }
  }

  /** A CODEOWNERS file found at one of the {@link #LOCATIONS}. */
  public record Located(String path, CodeOwners owners) {}

  /** The file GitHub would use, read with {@code read} (e.g. {@code ChangeContext::readBase}); empty when there is none. */
  public static Optional<Located> locate(Function<String, Optional<FileContent>> read) {
    for (String path : LOCATIONS) {
      Optional<FileContent> content = read.apply(path);
      if (content.isPresent() && !content.get().isBinary()) return Optional.of(new Located(path, parse(content.get().text())));
    }
    return Optional.empty();
  }

  public List<Rule> rules() {
    return rules;
  }

  /** The section headings, in file order (the unnamed section is not listed). */
  public List<Section> sections() {
    return sections;
  }

  public List<Problem> problems() {
    return problems;
  }

  /** Who owns {@code path} (repository-relative, '/'-separated): per section, the last line that matches. */
  public PathOwners ownersOf(String path) {
    Objects.requireNonNull(path, "path == null");
    String p = path.startsWith("/") ? path.substring(1) : path;
    Map<String, Match> found = new LinkedHashMap<>();
    int sectionCount = (int) java.util.stream.Stream.concat(java.util.stream.Stream.of(UNNAMED), sections.stream()).map(Section::key).distinct().count();
    for (int i = rules.size() - 1; i >= 0 && found.size() < sectionCount; i--) {
      Rule r = rules.get(i);
      if (found.containsKey(r.section().key()) || !patterns.get(i).matches(p)) continue;
      found.put(r.section().key(), new Match(r.section(), r, r.owners().isEmpty() ? r.section().defaultOwners() : r.owners()));
    }
    // report matches in the order their sections first appear in the file
    List<Match> ordered = new ArrayList<>();
    for (String key : sectionOrder()) {
      Match m = found.get(key);
      if (m != null) ordered.add(m);
    }
    return new PathOwners(path, ordered);
  }

  /** The owners of each of {@code paths} and a smallest set of owners whose approval covers them all. */
  public ApprovalPlan approvals(Collection<String> paths) {
    List<PathOwners> files = new ArrayList<>();
    Map<String, List<String>> pathsByGroup = new LinkedHashMap<>();
    Map<String, Match> groups = new LinkedHashMap<>();
    for (String path : new LinkedHashSet<>(paths)) {
      PathOwners po = ownersOf(path);
      files.add(po);
      for (Match m : po.matches()) {
        if (m.section().optional() || m.owners().isEmpty()) continue;
        String key = m.section().key() + "\0" + m.owners();
        groups.putIfAbsent(key, m);
        pathsByGroup.computeIfAbsent(key, k -> new ArrayList<>()).add(path);
      }
    }
    List<Requirement> requirements = new ArrayList<>();
    groups.forEach((key, m) -> requirements.add(new Requirement(m.section(), m.owners(),
        Math.min(m.section().approvals(), m.owners().size()), pathsByGroup.get(key))));
    ApprovalCover.Result cover = ApprovalCover.solve(requirements);
    return new ApprovalPlan(files, requirements, cover.approvers(), cover.exact());
  }

  private List<String> sectionOrder() {
    LinkedHashSet<String> keys = new LinkedHashSet<>();
    keys.add(UNNAMED.key());
    sections.forEach(s -> keys.add(s.key()));
    return List.copyOf(keys);
  }

  /** Parses a CODEOWNERS file; never throws for bad content (see {@link #problems()}). */
  public static CodeOwners parse(String text) {
    List<Rule> rules = new ArrayList<>();
    List<OwnerPattern> patterns = new ArrayList<>();
    List<Section> sections = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    Section section = UNNAMED;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      int at = skipSpace(line, 0);
      if (at == line.length() || line.charAt(at) == '#') continue;
      char first = line.charAt(at);
      if (first == '^' || first == '[') {
        Section heading = heading(line, at, lineNo, problems);
        if (heading != null) {
          section = heading;
          sections.add(heading);
          continue;
        }
        if (first == '^') continue; // heading() reported it; a '^' line is never a sensible pattern
      }
      Token pattern = token(line, at);
      List<Owner> owners = owners(line, pattern.end(), lineNo, problems);
      OwnerPattern compiled;
      try {
        compiled = OwnerPattern.compile(pattern.text());
      } catch (IllegalArgumentException e) {
        problems.add(new Problem(lineNo, pattern.start() + 1, Problem.Kind.SYNTAX, "Invalid pattern '" + pattern.text() + "': " + e.getMessage() + "."));
        continue;
      }
      if (owners.isEmpty() && pattern.text().startsWith("@") && section.defaultOwners().isEmpty() && !hasOwnerTokens(line, pattern.end())) {
        problems.add(new Problem(lineNo, pattern.start() + 1, Problem.Kind.SYNTAX,
            "'" + pattern.text() + "' is read as a path pattern with no owners; a line starts with the path it assigns, e.g. '* " + pattern.text() + "'."));
      }
      rules.add(new Rule(lineNo, pattern.text(), owners, section));
      patterns.add(compiled);
    }
    return new CodeOwners(rules, patterns, sections, problems);
  }

  /** A GitLab section heading at {@code at}, or null when the line is a pattern ({@code [abc]/file} is one on GitHub). */
  private static Section heading(String line, int at, int lineNo, List<Problem> problems) {
    boolean optional = line.charAt(at) == '^';
    int open = optional ? at + 1 : at;
    if (open >= line.length() || line.charAt(open) != '[') {
      problems.add(new Problem(lineNo, at + 1, Problem.Kind.SYNTAX, "A line starting with '^' must be an optional section heading such as '^[Docs]'."));
      return null;
    }
    int close = line.indexOf(']', open + 1);
    if (close < 0) {
      if (optional) problems.add(new Problem(lineNo, at + 1, Problem.Kind.SYNTAX, "Unterminated section heading: ']' is missing."));
      return null;
    }
    String name = line.substring(open + 1, close).strip();
    int end = close + 1;
    int approvals = 1;
    if (end < line.length() && line.charAt(end) == '[') {
      int countClose = line.indexOf(']', end + 1);
      if (countClose < 0) {
        if (optional) problems.add(new Problem(lineNo, end + 1, Problem.Kind.SYNTAX, "Unterminated approval count: ']' is missing."));
        return optional ? new Section(name, true, 1, List.of(), lineNo) : null;
      }
      String count = line.substring(end + 1, countClose).strip();
      if (count.isEmpty() || count.length() > 4 || !count.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(count) < 1) {
        problems.add(new Problem(lineNo, end + 2, Problem.Kind.SYNTAX, "The approval count '" + count + "' must be a whole number of at least 1."));
      } else {
        approvals = Integer.parseInt(count);
      }
      end = countClose + 1;
    }
    if (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
      if (optional) problems.add(new Problem(lineNo, end + 1, Problem.Kind.SYNTAX, "A section heading must be followed by a space or the end of the line."));
      return null; // "[param]/file.ts": a pattern with literal brackets
    }
    if (name.isEmpty()) problems.add(new Problem(lineNo, open + 1, Problem.Kind.SYNTAX, "A section heading needs a name between the brackets."));
    return new Section(name, optional, approvals, owners(line, end, lineNo, problems), lineNo);
  }

  /** The owners from {@code from} to the end of the line or an inline comment; invalid ones are reported and left out. */
  private static List<Owner> owners(String line, int from, int lineNo, List<Problem> problems) {
    List<Owner> owners = new ArrayList<>();
    int at = skipSpace(line, from);
    while (at < line.length() && line.charAt(at) != '#') {
      Token t = token(line, at);
      Owner o = owner(t.text());
      if (o != null) {
        if (!owners.contains(o)) owners.add(o);
      } else {
        problems.add(new Problem(lineNo, t.start() + 1, Problem.Kind.INVALID_OWNER, invalidOwner(t.text())));
      }
      at = skipSpace(line, t.end());
    }
    return owners;
  }

  private static boolean hasOwnerTokens(String line, int from) {
    int at = skipSpace(line, from);
    return at < line.length() && line.charAt(at) != '#';
  }

  /** The owner {@code text} names, or null when it is in no known form. */
  static Owner owner(String text) {
    if (ROLE.matches(text)) return new Owner(text, Owner.Kind.ROLE);
    if (TEAM.matches(text)) return new Owner(text, Owner.Kind.TEAM);
    if (USER.matches(text)) return new Owner(text, Owner.Kind.USER);
    if (EMAIL.matches(text)) return new Owner(text, Owner.Kind.EMAIL);
    return null;
  }

  private static String invalidOwner(String text) {
    String message = "'" + text + "' is not an owner: write @user, @org/team or an email address.";
    if (USER.matches("@" + text)) return message + " Did you mean @" + text + "?";
    if (text.endsWith(",") && owner(text.substring(0, text.length() - 1)) != null) return message + " Separate owners with spaces, not commas.";
    if (text.startsWith("@") && text.endsWith("/")) return message + " A team is written @org/team-name.";
    return message;
  }

  private record Token(String text, int start, int end) {}

  /** The token at {@code at}: up to the next whitespace not escaped by a backslash (kept in the text). */
  private static Token token(String line, int at) {
    int i = at;
    while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
      if (line.charAt(i) == '\\' && i + 1 < line.length()) i++;
      i++;
    }
    return new Token(line.substring(at, i), at, i);
  }

  private static int skipSpace(String line, int at) {
    while (at < line.length() && Character.isWhitespace(line.charAt(at))) at++;
    return at;
  }
}
