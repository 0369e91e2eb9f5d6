package dev.vetter.checks.deps;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.vetter.checks.deps.Dependency.Source;
import java.util.ArrayList;
import java.util.List;

/** What a version requirement, as written, allows: one exact version, a floor, a floating range. */
final class Specs {
  private Specs() {}

  // an operator (optional) and a version literal; a literal starts with a digit
  private static final Pattern LITERAL = Pattern.compile("(===|==|!=|~=|~>|<=|>=|<|>|=|\\^|~)?\\s*[vV]?(\\d[0-9A-Za-z.+_-]*)");
  private static final Pattern SEMVER = Pattern.compile("^=?\\s*[vV]?(\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?)$");
  private static final Pattern NPM_TAG = Pattern.compile("^[A-Za-z][A-Za-z0-9._-]*$");
  private static final Pattern PEP_CLAUSE = Pattern.compile("^(===|==|!=|~=|<=|>=|<|>)\\s*(\\S+)$");
  private static final Pattern BARE = Pattern.compile("^[vV]?\\d[0-9A-Za-z.+_-]*$");

  /** A version literal of a requirement and the operator before it ("" when none). */
  record Literal(String operator, String version) {}

  /** The version literals in {@code spec}, in order. */
  static List<Literal> literals(String spec) {
    List<Literal> out = new ArrayList<>();
    Matcher m = LITERAL.matcher(spec);
    while (m.find()) {
      String v = m.group(2);
      while (v.endsWith(".") || v.endsWith("-") || v.endsWith("_")) v = v.substring(0, v.length() - 1);
      if (v.endsWith(".x") || v.endsWith(".X")) v = v.substring(0, v.length() - 2);
      out.add(new Literal(m.group(1) == null ? "" : m.group(1), v));
    }
    return out;
  }

  /** The one version {@code d} allows, or null when it allows a range, names no version or is not from a registry. */
  static String exact(Dependency d) {
    if (!d.fromRegistry() || d.version() == null) return null;
    String v = d.version().strip();
    if (v.isEmpty()) return null;
    return switch (d.ecosystem()) {
      case MAVEN -> mavenFloating(v) == null && !v.contains("${") && !v.contains("$") ? v : null;
      case NPM -> {
        Matcher m = SEMVER.matcher(v);
        yield m.matches() ? m.group(1) : null;
      }
      case CRATES_IO -> {
        if (!v.startsWith("=")) yield null;
        Matcher m = SEMVER.matcher(v);
        yield m.matches() ? m.group(1) : null;
      }
      case GO -> v;
      case PYPI -> {
        if (BARE.matcher(v).matches()) yield v; // Poetry: a bare version is exact
        String[] clauses = v.split(",");
        if (clauses.length != 1) yield null;
        Matcher m = PEP_CLAUSE.matcher(clauses[0].strip());
        yield m.matches() && (m.group(1).equals("==") || m.group(1).equals("===")) && !m.group(2).contains("*") ? m.group(2) : null;
      }
      case RUBYGEMS -> {
        String[] clauses = v.split(",");
        if (clauses.length != 1) yield null;
        String c = clauses[0].strip();
        if (c.startsWith("=")) c = c.substring(1).strip();
        yield BARE.matcher(c).matches() ? c : null;
      }
    };
  }

  /** The lowest version {@code d} allows, roughly: its first version literal that is not an upper bound or exclusion. */
  static String floor(Dependency d) {
    if (!d.fromRegistry() || d.version() == null) return null;
    for (Literal l : literals(d.version())) {
      if (!l.operator().startsWith("<") && !l.operator().equals("!=")) return l.version();
    }
    return null;
  }

  /** Why {@code d}'s version is not pinned ("the floating range `^1.2.0`"), or null when it is. */
  static String floating(Dependency d) {
    Source s = d.source();
    switch (s.kind()) {
      case GIT -> {
        return s.ref() == null ? "a git branch rather than a fixed commit, tag or version" : null;
      }
      case URL, PATH, WORKSPACE, REPLACED -> {
        return null;
      }
      default -> { }
    }
    if (d.section().equals("peerDependencies")) return null; // a peer requirement is a range by design
    if (d.version() == null) return null; // defined elsewhere (a parent POM): nothing to judge here
    String v = d.version().strip();
    return switch (d.ecosystem()) {
      case MAVEN -> v.isEmpty() ? null : mavenFloating(v); // no version: managed by a BOM or dependencyManagement
      case NPM -> npm(v);
      case CRATES_IO -> cargo(v);
      case PYPI -> python(v);
      case RUBYGEMS -> ruby(v);
      case GO -> null;
    };
  }

  /** Maven's and Gradle's moving versions: meta-versions, ranges and dynamic versions. */
  static String mavenFloating(String v) {
    if (v.equals("LATEST") || v.equals("RELEASE")) return "the meta-version `" + v + "`, which resolves to whatever is newest";
    if (v.startsWith("latest.")) return "the dynamic version `" + v + "`, which resolves to whatever is newest";
    if (v.startsWith("[") || v.startsWith("(")) return "the version range `" + v + "`";
    if (v.endsWith("+")) return "the dynamic version `" + v + "`";
    return null;
  }

  private static String npm(String v) {
    if (v.isEmpty()) return "no version, so any version";
    if (SEMVER.matcher(v).matches()) return null;
    if (v.equals("*") || v.equalsIgnoreCase("x")) return "any version (`" + v + "`)";
    if (v.startsWith("^") || v.startsWith("~")) return "the floating range `" + v + "`";
    if (NPM_TAG.matcher(v).matches()) return "the dist-tag `" + v + "`, which moves with every release";
    return "the version range `" + v + "`";
  }

  private static String cargo(String v) {
    if (v.isEmpty()) return "no version, so any version";
    if (v.equals("*")) return "any version (`*`)";
    if (v.startsWith("^") || v.startsWith("~")) return "the floating range `" + v + "`";
    if (v.contains("*")) return "the wildcard `" + v + "`";
    if (v.contains(">") && !v.contains("<")) return "a lower bound without an upper bound (`" + v + "`)";
    return null; // Cargo's bare `1.2` is its default caret requirement; Cargo.lock pins it
  }

  private static String python(String v) {
    if (v.isEmpty()) return "no version, so any version";
    if (v.equals("*")) return "any version (`*`)";
    if (v.startsWith("^") || (v.startsWith("~") && !v.startsWith("~="))) return "the floating range `" + v + "`"; // Poetry
    if (BARE.matcher(v).matches()) return null;
    boolean upper = false;
    boolean compatible = false;
    boolean wildcard = false;
    for (String clause : v.split(",")) {
      Matcher m = PEP_CLAUSE.matcher(clause.strip());
      if (!m.matches()) continue;
      String op = m.group(1);
      if ((op.equals("==") && !m.group(2).contains("*")) || op.equals("===")) return null;
      if (op.equals("==")) wildcard = true;
      if (op.equals("~=")) compatible = true;
      if (op.equals("<") || op.equals("<=")) upper = true;
    }
    if (compatible) return "the compatible-release range `" + v + "`";
    if (wildcard) return "the wildcard `" + v + "`";
    return upper ? null : "a lower bound without an upper bound (`" + v + "`)";
  }

  private static String ruby(String v) {
    if (v.isEmpty()) return "no version, so any version";
    boolean upper = false;
    for (String clause : v.split(",")) {
      String c = clause.strip();
      if (c.startsWith("~>")) return "the pessimistic range `" + v + "`";
      if (c.startsWith("<")) upper = true;
      if (c.startsWith("=") || BARE.matcher(c).matches()) return null;
    }
    return upper ? null : "a lower bound without an upper bound (`" + v + "`)";
  }

  /** The first version literal of {@code d} that is a pre-release, or null. */
  static String prerelease(Dependency d) {
    if (!d.fromRegistry() || d.version() == null) return null;
    for (Literal l : literals(d.version())) {
      if (Versions.isPrerelease(d.ecosystem(), l.version())) return l.version();
    }
    return null;
  }
}
