package dev.vetter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vetter.testing.TestRepo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real tools' real output fed to {@code vetter review --input}: ShellCheck (skipped when not
 * installed), javac (always, in-process), ESLint 8.57.1 in four formats and TypeScript 5.6.3 (installed
 * from npm into {@code target/ingest-tools}; skipped when npm cannot install them). The files they check
 * are a real change in a real repository; every finding sits on an added line.
 */
class RealLintersTest {
  static final List<String> NPM_PACKAGES = List.of("eslint@8.57.1", "typescript@5.6.3", "@microsoft/eslint-formatter-sarif@3.1.0");
  @TempDir Path tmp;
  Path dir;

  @BeforeEach
  void repo() {
    dir = tmp.resolve("repo");
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.write("src/app.js", "function greet(name) {\n  return name;\n}\n")
          .write("src/app.ts", "export function add(a: number, b: number): number {\n  return a + b;\n}\n")
          .write("src/run.sh", "#!/bin/sh\necho start\n")
          .write("src/main/java/A.java", "class A {\n}\n")
          .commit("start");
      repo.branch("feature");
      repo.write("src/app.js", "function greet(name) {\n  return name;\n}\nconst unused = 1;\nif (greet(\"x\") == null) {\n  console.log(nme);\n}\n")
          .write("src/app.ts", "export function add(a: number, b: number): number {\n  return a + b;\n}\nconst total: number = add(1, \"2\");\nconst label: string = total;\n")
          .write("src/run.sh", "#!/bin/sh\necho start\nfiles=$1\nfor f in $files; do\n  echo $f\ndone\ncd /tmp/somewhere\n")
          .write("src/main/java/A.java", "class A {\n  java.util.List xs = null;\n  void f() {\n    foo();\n  }\n}\n")
          .commit("more");
    }
  }

  /** Vetter's external findings for one input, as "rule line:column severity" (the path is checked to be {@code path}). */
  List<String> vetter(Path input, String format, String name, String path) throws Exception {
    List<String> args = new ArrayList<>(List.of("review", "--repo", dir.toString(), "--base", "main", "--no-cache", "--format", "json",
        "--input", input.toString()));
    if (format != null) args.addAll(List.of("--input-format", format));
    if (name != null) args.addAll(List.of("--input-name", name));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
    assertThat(code).as(err.toString()).isIn(0, 1);
    assertThat(err.toString()).doesNotContain("dropped", "Exception");
    List<String> found = new ArrayList<>();
    for (JsonNode f : new ObjectMapper().readTree(out.toString()).get("findings")) {
      if (!f.get("rule").asText().startsWith("external/")) continue;
      assertThat(f.get("path").asText()).isEqualTo(path);
      found.add(f.get("rule").asText() + " " + f.get("line").asText() + ":" + f.get("column").asText() + " " + f.get("severity").asText());
    }
    return found;
  }

  /** Runs {@code command} in the repository; its standard output goes to {@code output}. */
  Path run(Path output, Map<String, String> env, String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(output.toFile())
        .redirectError(tmp.resolve(output.getFileName() + ".err").toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish");
    }
    return output;
  }

  static boolean onPath(String command) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, command))) return true;
    }
    return false;
  }

  @Test
  void shellcheck() throws Exception {
    Assumptions.assumeTrue(onPath("shellcheck"), "skipped: shellcheck is not installed (Debian: apt-get install shellcheck)");
    List<String> expected = List.of("external/shellcheck/sc2086 5:8 notice", "external/shellcheck/sc2164 7:1 warning");
    Path gcc = run(tmp.resolve("shellcheck.txt"), Map.of(), "shellcheck", "-f", "gcc", "src/run.sh");
    assertThat(vetter(gcc, "errorformat:shellcheck-gcc", null, "src/run.sh")).containsExactlyElementsOf(expected);
    Path checkstyle = run(tmp.resolve("shellcheck.xml"), Map.of(), "shellcheck", "-f", "checkstyle", "src/run.sh");
    assertThat(vetter(checkstyle, null, null, "src/run.sh")).containsExactlyElementsOf(expected);
  }

  @Test
  void javac() throws Exception {
    ToolProvider javac = ToolProvider.findFirst("javac").orElse(null);
    Assumptions.assumeTrue(javac != null, "skipped: no javac in this Java runtime");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      javac.run(stream, stream, "-Xlint:all", "-d", tmp.resolve("classes").toString(), dir.resolve("src/main/java/A.java").toString());
    }
    Path out = Files.write(tmp.resolve("javac.txt"), bytes.toByteArray());
    assertThat(vetter(out, "errorformat:javac", null, "src/main/java/A.java"))
        .containsExactly("external/javac/rawtypes 2:12 warning", "external/javac/diagnostic 4:5 error");
  }

  @Test
  void eslintInFourFormats() throws Exception {
    Path tools = npmTools();
    String eslint = tools.resolve("node_modules/.bin/eslint").toString();
    Map<String, String> env = Map.of("ESLINT_USE_FLAT_CONFIG", "false");
    List<String> config = List.of(eslint, "--no-eslintrc", "--env", "es2022,node", "--rule", "no-unused-vars: error", "--rule", "eqeqeq: warn",
        "--rule", "no-undef: error", "src/app.js", "-f");
    List<String> expected = List.of("external/eslint/no-unused-vars 4:7 error", "external/eslint/eqeqeq 5:16 warning", "external/eslint/no-undef 6:15 error");

    Path sarif = run(tmp.resolve("eslint.sarif"), env, with(config, tools.resolve("node_modules/@microsoft/eslint-formatter-sarif/sarif.js").toString()));
    assertThat(vetter(sarif, "sarif", null, "src/app.js")).containsExactlyElementsOf(expected);
    Path checkstyle = run(tmp.resolve("eslint.xml"), env, with(config, "checkstyle"));
    assertThat(vetter(checkstyle, null, null, "src/app.js")).containsExactlyElementsOf(expected);
    Path compact = run(tmp.resolve("eslint.txt"), env, with(config, "compact"));
    assertThat(vetter(compact, "errorformat:eslint-compact", null, "src/app.js")).containsExactlyElementsOf(expected);
    // JUnit carries no rule nor severity of its own: each problem is a failed test
    Path junit = run(tmp.resolve("eslint-junit.xml"), env, with(config, "junit"));
    assertThat(vetter(junit, null, "eslint", "src/app.js"))
        .containsExactly("external/eslint/failure 4:7 error", "external/eslint/failure 5:16 error", "external/eslint/failure 6:15 error");
  }

  @Test
  void tsc() throws Exception {
    Path tools = npmTools();
    Path out = run(tmp.resolve("tsc.txt"), Map.of(), tools.resolve("node_modules/.bin/tsc").toString(), "--noEmit", "--pretty", "false", "--strict", "src/app.ts");
    assertThat(vetter(out, "errorformat:tsc", null, "src/app.ts")).containsExactly("external/tsc/ts2345 4:30 error", "external/tsc/ts2322 5:7 error");
  }

  private static String[] with(List<String> command, String last) {
    List<String> all = new ArrayList<>(command);
    all.add(last);
    return all.toArray(String[]::new);
  }

  /** ESLint and TypeScript at pinned versions in target/ingest-tools, installed once; the test is skipped when npm cannot. */
  static synchronized Path npmTools() throws IOException, InterruptedException {
    Path dir = Path.of("target", "ingest-tools").toAbsolutePath();
    Path marker = dir.resolve("installed.txt");
    String wanted = String.join(" ", NPM_PACKAGES);
    if (Files.exists(marker) && Files.readString(marker).equals(wanted)) return dir;
    Assumptions.assumeTrue(onPath("npm") && onPath("node"), "skipped: npm and node are needed to install ESLint and TypeScript");
    Files.createDirectories(dir);
    List<String> command = new ArrayList<>(List.of("npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", "--no-save", "--prefix", dir.toString()));
    command.addAll(NPM_PACKAGES);
    Path log = dir.resolve("npm.log");
    Process npm = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean done = npm.waitFor(10, TimeUnit.MINUTES);
    if (!done) npm.destroyForcibly();
    Assumptions.assumeTrue(done && npm.exitValue() == 0 && Files.exists(dir.resolve("node_modules/.bin/eslint")),
        () -> "skipped: npm could not install " + wanted + " (see " + log + ")");
    Files.writeString(marker, wanted);
    return dir;
  }
}
