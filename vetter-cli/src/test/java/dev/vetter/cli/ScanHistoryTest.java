package dev.vetter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static dev.vetter.cli.Cli.vetter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vetter.cli.Cli.Run;
import dev.vetter.testing.TestRepo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vetter scan --history} on a real repository whose secrets come in, move, go and come back over
 * several commits, a branch and a merge: each is reported once, at the commit that introduced it.
 */
class ScanHistoryTest {
  // generated at random for this test; not anyone's credentials
  static final String GITHUB = "ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d";
  static final String AWS = "AKIAZDOCIS2JHTLGMXGE";
  static final String STRIPE = "sk_live_KdNnFRIBXuDL7DxtpYlSXpfKtHF4";
  static final String IGNORED = "sk_live_vUCsMehGAkWvj7FAc9QeWJKY40uv";
  static final String EXCLUDED = "glpat-SwMFLZDe1f8rESQedUSt";
  static final List<String> SECRETS = List.of(GITHUB, AWS, STRIPE, IGNORED, EXCLUDED);

  @TempDir Path tmp;
  TestRepo repo;
  String root;
  String moved;
  String readded;
  String awsCommit;
  String merge;
  String stripeCommit;

  @BeforeEach
  void history() {
    repo = TestRepo.init(tmp.resolve("repo"));
    repo.write("README.md", "# app\n")
        .write("config/app.properties", "name=app\ntoken=" + GITHUB + "\n")
        .write(".vetter.yml", "exclude: [\"vendor/**\"]\n");
    root = repo.commit("root: the app with a token in its configuration");
    repo.write("settings/app.properties", "name=app\ntoken=" + GITHUB + "\n").delete("config/app.properties");
    moved = repo.commit("move the configuration");
    repo.delete("settings/app.properties").commit("remove the token");
    repo.write("src/Main.java", "class Main {\n  // the token again\n  String t = \"" + GITHUB + "\";\n}\n");
    readded = repo.commit("put the token back, in code");
    repo.branch("deploy");
    repo.author("Bob Builder", "bob@example.com")
        .write("deploy.sh", "#!/bin/sh\nexport AWS_ACCESS_KEY_ID=" + AWS + "\n")
        .write("vendor/lib.txt", "key " + EXCLUDED + "\n");
    awsCommit = repo.commit("deploy script");
    repo.checkout("main").author(TestRepo.DEFAULT_NAME, TestRepo.DEFAULT_EMAIL).write("README.md", "# app\n\nUsage.\n").commit("docs");
    repo.mergeNoCommit("deploy");
    merge = repo.commit("Merge deploy");
    repo.write("src/Main.java", "class Main {\n  // the token again\n  String t = \"" + GITHUB + "\";\n  String s = \"" + STRIPE + "\";\n}\n")
        .write("test/Fixture.java", "class Fixture {\n  // vetter:ignore secrets/stripe-key a revoked sample\n  String s = \"" + IGNORED + "\";\n}\n");
    stripeCommit = repo.commit("stripe");
  }

  String dir() {
    return repo.dir().toString();
  }

  @Test
  void eachSecretIsReportedOnceWhereItCameIn() throws Exception {
    Run r = vetter("scan", "--history", "--repo", dir(), "--format", "json");
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    JsonNode root = new ObjectMapper().readTree(r.out());
    List<String> found = new ArrayList<>();
    for (JsonNode f : root.get("findings")) {
      found.add(f.get("rule").asText() + " " + f.get("path").asText() + ":" + f.get("line").asInt() + " " + f.get("commit").get("id").asText()
          + " " + f.get("commit").get("author").asText());
    }
    // the GitHub token at the root commit only (not where it moved, nor where it came back), the AWS key at
    // the branch's commit (not the merge), the Stripe key where it was added to a file that existed; the
    // suppressed one and the one in an excluded folder not at all
    assertThat(found).containsExactly(
        "secrets/github-token config/app.properties:2 " + this.root + " Ada Tester",
        "secrets/aws-access-key deploy.sh:2 " + awsCommit + " Bob Builder",
        "secrets/stripe-key src/Main.java:4 " + stripeCommit + " Ada Tester");
    JsonNode summary = root.get("summary");
    assertThat(summary.get("commits").asInt()).isEqualTo(8);
    assertThat(summary.get("suppressed").asInt()).isEqualTo(1);
    assertThat(summary.get("headCommit").asText()).isEqualTo(stripeCommit);
    assertThat(root.get("findings").get(0).get("commit").get("date").asText()).endsWith("Z");
    assertThat(root.get("findings").get(0).get("message").asText()).contains("ghp_…");
    // the documented shape, which reviews share
    var schema = com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012).getSchema(
        new ObjectMapper().readTree(Files.readString(dev.vetter.testing.Corpora.projectRoot().resolve("docs/output-json.schema.json"))),
        com.networknt.schema.SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    assertThat(schema.validate(root)).isEmpty();
  }

  @Test
  void theResultDoesNotDependOnThePoolSize() throws Exception {
    JsonNode one = new ObjectMapper().readTree(vetter("scan", "--history", "--repo", dir(), "--format", "json", "--threads", "1").out());
    JsonNode four = new ObjectMapper().readTree(vetter("scan", "--history", "--repo", dir(), "--format", "json", "--threads", "4").out());
    assertThat(four.get("findings")).isEqualTo(one.get("findings"));
    assertThat(one.get("findings")).hasSize(3);
  }

  @Test
  void noOutputHoldsASecretInFull() throws Exception {
    for (String format : ScanCommand.FORMATS) {
      Run r = vetter("scan", "--history", "--repo", dir(), "--format", format, "--color", "always");
      assertThat(r.code()).isEqualTo(1);
      for (String s : SECRETS) assertThat(r.out() + r.err()).as(format).doesNotContain(s).doesNotContain(s.substring(4));
    }
  }

  @Test
  void textNamesTheCommitAndSarifCarriesIt() throws Exception {
    Run text = vetter("scan", "--history", "--repo", dir());
    assertThat(text.out()).contains("deploy.sh", "2:", "introduced in " + awsCommit.substring(0, 12) + " by Bob Builder on 2026-01-01",
        "3 findings (3 error, 0 warning, 0 notice) in 8 commits; 1 suppressed, 0 baselined. Failed");
    Run sarif = vetter("scan", "--history", "--repo", dir(), "--format", "sarif");
    JsonNode results = new ObjectMapper().readTree(sarif.out()).get("runs").get(0).get("results");
    assertThat(results).hasSize(3);
    assertThat(results.get(1).get("properties").get("commit").asText()).isEqualTo(awsCommit);
    assertThat(results.get(1).get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt()).isEqualTo(2);
  }

  @Test
  void sinceAndMaxCountBoundTheWalk() throws Exception {
    Run since = vetter("scan", "--history", "--repo", dir(), "--since", readded, "--format", "json");
    JsonNode s = new ObjectMapper().readTree(since.out());
    assertThat(s.get("summary").get("commits").asInt()).isEqualTo(4);
    assertThat(s.get("findings").findValuesAsText("rule")).containsExactly("secrets/aws-access-key", "secrets/stripe-key");
    // from the token's re-addition on, with the history before it left out, it counts as new there
    Run fromReadd = vetter("scan", "--history", "--repo", dir(), "--since", moved, "--format", "json");
    JsonNode first = new ObjectMapper().readTree(fromReadd.out()).get("findings").get(0);
    assertThat(first.get("path").asText()).isEqualTo("src/Main.java");
    assertThat(first.get("commit").get("id").asText()).isEqualTo(readded);
    Run last = vetter("scan", "--history", "--repo", dir(), "--max-count", "1", "--format", "json");
    JsonNode l = new ObjectMapper().readTree(last.out());
    assertThat(l.get("summary").get("commits").asInt()).isEqualTo(1);
    assertThat(l.get("findings").findValuesAsText("rule")).containsExactly("secrets/stripe-key");
  }

  @Test
  void branchAndAllChooseTheRefs() throws Exception {
    Run deploy = vetter("scan", "--history", "--repo", dir(), "--branch", "deploy", "--format", "json");
    JsonNode d = new ObjectMapper().readTree(deploy.out());
    assertThat(d.get("summary").get("commits").asInt()).isEqualTo(5);
    assertThat(d.get("findings").findValuesAsText("rule")).containsExactly("secrets/github-token", "secrets/aws-access-key");
    Run all = vetter("scan", "--history", "--repo", dir(), "--all", "--format", "json");
    assertThat(new ObjectMapper().readTree(all.out()).get("summary").get("commits").asInt()).isEqualTo(8);
  }

  @Test
  void aBaselineAcceptsWhatIsThere() throws Exception {
    Path baseline = tmp.resolve("accepted.json");
    Run write = vetter("scan", "--history", "--repo", dir(), "--write-baseline", baseline.toString());
    assertThat(write.code()).isZero();
    assertThat(write.err()).contains("wrote 3 fingerprints");
    for (String s : SECRETS) assertThat(Files.readString(baseline)).doesNotContain(s);
    Run again = vetter("scan", "--history", "--repo", dir(), "--baseline", baseline.toString());
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("0 findings", "3 baselined", "Passed.");
  }

  @Test
  void exitCodesFollowFailOnAndUsage() {
    assertThat(vetter("scan", "--history", "--repo", dir(), "--fail-on", "never").code()).isZero();
    Run policy = vetter("scan", "--history", "--repo", dir(), "--config", write("off.yml", "rules:\n  secrets: {severity: warning}\n"));
    assertThat(policy.code()).isZero();
    // --config replaces .vetter.yml, whose exclude of vendor/ no longer applies
    assertThat(policy.out()).contains("4 findings (0 error, 4 warning", "vendor/lib.txt");
    for (String[] bad : List.of(
        new String[] {"scan", "--repo", dir()},
        new String[] {"scan", "--history", "--repo", dir(), "--branch", "nope"},
        new String[] {"scan", "--history", "--repo", dir(), "--all", "--branch", "main"},
        new String[] {"scan", "--history", "--repo", dir(), "--format", "github"},
        new String[] {"scan", "--history", "--repo", dir(), "--max-count", "-1"},
        new String[] {"scan", "--history", "--repo", dir(), "--config", write("bad.yml", "rules:\n  secrets/nope: off\n")},
        new String[] {"scan", "--history", "--repo", tmp.resolve("nowhere").toString()})) {
      Run r = vetter(bad);
      assertThat(r.code()).as(String.join(" ", bad) + "\n" + r.err()).isEqualTo(2);
      assertThat(r.err()).doesNotContain("\tat ");
    }
  }

  @Test
  void customRulesFromThePolicyRunOverHistory() throws Exception {
    String policy = write("custom.yml", """
        rules:
          secrets/custom:
            rules: |
              [[rules]]
              id = "app-name"
              regex = '''name=(app)'''
        """);
    Run r = vetter("scan", "--history", "--repo", dir(), "--config", policy, "--format", "json");
    JsonNode findings = new ObjectMapper().readTree(r.out()).get("findings");
    List<String> custom = new ArrayList<>();
    for (JsonNode f : findings) {
      if (f.get("rule").asText().equals("secrets/custom")) custom.add(f.get("path").asText() + ":" + f.get("line").asInt() + " " + f.get("commit").get("id").asText());
    }
    assertThat(custom).containsExactly("config/app.properties:1 " + root);
  }

  @Test
  void progressIsDrawnOnlyOnATerminal() throws Exception {
    Run piped = vetter("scan", "--history", "--repo", dir());
    assertThat(piped.err()).isEmpty();
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux 'script' is needed to run Vetter on a pseudo-terminal");
    // the real thing: a JVM whose standard streams are a pseudo-terminal
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command = String.join(" ", quote(java), "-cp", quote(System.getProperty("java.class.path")), "dev.vetter.cli.Main",
        "scan", "--history", "--repo", quote(dir()), "--color", "never", "--threads", "1");
    Path typescript = tmp.resolve("typescript");
    Process p = new ProcessBuilder("/usr/bin/script", "-qec", command, typescript.toString()).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("script.out").toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String seen = Files.readString(typescript, StandardCharsets.UTF_8);
    assertThat(seen).contains("8/8 commits", "[########################]", "\r\u001b[K", "3 findings");
    for (String s : SECRETS) assertThat(seen).doesNotContain(s);
  }

  @Test
  void theBarShowsRateAndEta() {
    StringWriter out = new StringWriter();
    long[] now = {0};
    var bar = Terminal.bar(new PrintWriter(out), "commits", () -> now[0]);
    bar.update(0, 400);
    now[0] = 2_000_000_000L;
    bar.update(100, 400);
    now[0] += 50_000_000L;
    bar.update(101, 400); // within 100 ms of the last drawing: skipped
    now[0] += 1_000_000_000L;
    bar.update(400, 400);
    bar.finish();
    assertThat(out.toString()).isEqualTo("\r[........................] 0/400 commits\u001b[K"
        + "\r[######..................] 100/400 commits  50/s  ETA 0:06\u001b[K"
        + "\r[########################] 400/400 commits  131/s  ETA 0:00\u001b[K"
        + "\r\u001b[K");
  }

  private String write(String name, String text) {
    try {
      Path f = tmp.resolve(name);
      Files.writeString(f, text);
      return f.toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
