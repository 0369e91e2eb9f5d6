package dev.vetter.cli;

import dev.vetter.engine.CheckRegistry;
import dev.vetter.engine.Reviewer;
import dev.vetter.engine.UserError;
import dev.vetter.git.GitRepository;
import dev.vetter.policy.Policy;
import dev.vetter.policy.PolicyError;
import dev.vetter.policy.Waiver;
import dev.vetter.policy.Waivers;
import dev.vetter.policy.WaiversLoader;
import dev.vetter.policy.YamlDocument;
import dev.vetter.review.ReviewSetup;
import dev.vetter.review.TrustedFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "waivers", mixinStandardHelpOptions = true,
    description = {"Check and write the waivers of .vetter/waivers.yml: findings accepted for a while, with a reason, an owner and an expiry date.",
        "A review reads them at the base of the change, like .vetter.yml (docs/configuration.md#waivers)."},
    footer = {"", "Examples:",
      "  vetter waivers check                    valid? expired? expiring soon?",
      "  vetter waivers check --rev origin/main  as the next review reads it",
      "",
      "A waiver of trailing spaces in legacy/ for 30 days, appended to the file:",
      "    vetter waivers add --rule hygiene/trailing-whitespace --path 'legacy/**'",
      "      --reason wont-fix --expires 30d --owner @platform --write"},
    subcommands = {WaiversCommand.Check.class, WaiversCommand.Add.class})
final class WaiversCommand {
  private WaiversCommand() {}

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = {"Validate .vetter/waivers.yml at a revision against the policy there, and list the waivers that have expired or expire soon.",
          "Exit code 0 when it is valid and none has expired, 1 when some have expired, 2 when it is invalid (problems on standard error as FILE:LINE:COLUMN: MESSAGE)."})
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;
    /** Where and when the command was typed (the day decides what has expired). */
    Invocation invocation = Invocation.ofProcess();

    @Option(names = "--repo", paramLabel = "DIR", description = "The repository (default: the current directory).")
    Path repo = Path.of(".");

    @Option(names = "--rev", paramLabel = "REV", description = "The revision to read the waivers and the policy at (default: HEAD).")
    String rev = "HEAD";

    @Option(names = "--within", paramLabel = "DAYS", description = "List the waivers expiring within DAYS days as expiring soon (default: 14).")
    int within = 14;

    @Option(names = "--org-config", paramLabel = "FILE", description = "Organisation defaults merged under the policy (default: $VETTER_ORG_CONFIG).")
    Path orgConfig;

    @Override
    public Integer call() throws IOException {
      if (within < 0) throw new UserError("--within takes a number of days from 0, not " + within);
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      CheckRegistry registry = Workspace.registry();
      try (GitRepository git = open(invocation.resolve(repo))) {
        if (git.jgit().resolve(rev + "^{commit}") == null) {
          throw new UserError("unknown revision '" + rev + "': no branch, tag or commit has that name here");
        }
        String name = Waivers.FILE + "@" + rev;
        if (git.fileAt(rev, Waivers.FILE).isEmpty()) {
          out.println(name + ": no waivers file");
          return Main.OK;
        }
        Waivers waivers;
        try {
          // read as a review whose base is rev reads them: through the same set-up, held to the policy there
          ReviewSetup setup = ReviewSetup.of(registry).withOrganisation(Workspace.orgConfig(orgConfig, invocation));
          TrustedFiles files = TrustedFiles.at(git, rev);
          waivers = setup.waivers(files, setup.policy(files));
        } catch (PolicyError e) {
          // the policy's own problems name .vetter.yml; the waivers' name the waivers file
          e.problems().forEach(err::println);
          err.println(e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems") + " in "
              + (e.what().equals("waivers") ? name : Reviewer.POLICY_FILE + "@" + rev));
          return Main.USAGE;
        }
        LocalDate today = invocation.today();
        List<Waiver> expired = waivers.expiredOn(today);
        List<Waiver> soon = waivers.expiringWithin(today, within);
        out.println(name + ": " + waivers.entries().size() + (waivers.entries().size() == 1 ? " waiver" : " waivers") + ", valid; "
            + expired.size() + " expired, " + soon.size() + " expiring within " + within + " days (today is " + today + ").");
        if (!expired.isEmpty()) {
          out.println("Expired (their findings are reported again):");
          for (Waiver w : expired) out.println("  " + line(w) + " expired on " + w.expires());
        }
        if (!soon.isEmpty()) {
          out.println("Expiring soon:");
          for (Waiver w : soon) {
            long days = ChronoUnit.DAYS.between(today, w.expires());
            out.println("  " + line(w) + " expires on " + w.expires() + " (in " + days + (days == 1 ? " day)" : " days)"));
          }
        }
        return expired.isEmpty() ? Main.OK : Main.FINDINGS;
      }
    }

    private static String line(Waiver w) {
      return w.where() + "  " + w.what() + " (" + w.reason().id() + ", owner " + w.owner() + ")";
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = {"Print a waiver for .vetter/waivers.yml, checked against the policy at HEAD; with --write, append it to the file in the working tree.",
          "It applies once it is on the base of a change: commit it to the default branch, where reviewers see it."})
  static final class Add implements Callable<Integer> {
    private static final Pattern DAYS = Pattern.compile("(\\d{1,5})d");

    @Spec CommandSpec spec;
    /** Where and when the command was typed (the day is the waiver's created date). */
    Invocation invocation = Invocation.ofProcess();

    static final class Target {
      @Option(names = "--rule", paramLabel = "RULE", description = "The rule (or family) to waive; needs --path.")
      String rule;
      @Option(names = "--fingerprint", paramLabel = "FINGERPRINT", description = "The fingerprint of one finding to waive (as in --format json).")
      String fingerprint;
    }

    @ArgGroup(exclusive = false, multiplicity = "1")
    Target target;

    @Option(names = "--path", paramLabel = "GLOB", description = "The files it applies to (a glob, as in .vetter.yml); required with --rule.")
    String path;

    @Option(names = "--reason", required = true, paramLabel = "REASON",
        description = "Why: false-positive, accepted-risk, wont-fix or test-code.", completionCandidates = Reasons.class)
    String reason;

    @Option(names = "--expires", required = true, paramLabel = "WHEN", description = "When it stops applying: a number of days from today (30d) or a date (2026-03-01).")
    String expires;

    @Option(names = "--owner", required = true, paramLabel = "OWNER", description = "Who answers for it: a person or a team.")
    String owner;

    @Option(names = "--note", paramLabel = "TEXT", description = "Free text: a ticket, the context.")
    String note;

    @Option(names = "--write", description = "Append it to .vetter/waivers.yml in the working tree (created if missing).")
    boolean write;

    @Option(names = "--repo", paramLabel = "DIR", description = "The repository (default: the current directory).")
    Path repo = Path.of(".");

    static final class Reasons implements Iterable<String> {
      @Override
      public java.util.Iterator<String> iterator() {
        return Waiver.Reason.ids().iterator();
      }
    }

    @Override
    public Integer call() throws IOException {
      LocalDate today = invocation.today();
      LocalDate until = expiry(expires, today);
      String entry = entry(today, until);
      CheckRegistry registry = Workspace.registry();
      Path dir = invocation.resolve(repo);
      Policy policy = Policy.defaults();
      try (GitRepository git = open(dir)) {
        if (git.jgit().resolve("HEAD^{commit}") != null) {
          policy = ReviewSetup.of(registry).withOrganisation(Workspace.orgConfig(null, invocation)).policy(TrustedFiles.at(git, "HEAD"));
        }
      }
      WaiversLoader loader = new WaiversLoader(registry, policy.waivers());
      List<PolicyError.Problem> problems = loader.validate("the waiver", "waivers:\n" + entry);
      if (!problems.isEmpty()) {
        List<String> messages = new ArrayList<>();
        problems.forEach(p -> messages.add(p.message()));
        throw new UserError("cannot make this waiver: " + String.join("; ", messages));
      }
      PrintWriter out = spec.commandLine().getOut();
      out.print(entry);
      if (write) append(dir.resolve(Waivers.FILE), entry, loader);
      return Main.OK;
    }

    /** Appends {@code entry} to the file, which must stay valid. */
    private void append(Path file, String entry, WaiversLoader loader) throws IOException {
      String before = Files.exists(file) ? Workspace.readFile(file, "waivers file") : "";
      String text = before;
      if (!text.isEmpty() && !text.endsWith("\n")) text += "\n";
      boolean hasList;
      try {
        hasList = YamlDocument.parse(Waivers.FILE, before).root().has("waivers");
      } catch (PolicyError e) {
        throw new UserError(Waivers.FILE + " is not valid YAML (" + e.problems().get(0) + "); add the waiver by hand");
      }
      if (!hasList) text += (text.isEmpty() ? "# Findings accepted for a while (docs/configuration.md#waivers).\n" : "") + "waivers:\n";
      text += entry;
      List<PolicyError.Problem> problems = loader.validate(Waivers.FILE, text);
      if (!problems.isEmpty()) {
        throw new UserError("appending to " + Waivers.FILE + " would leave it invalid (" + problems.get(0) + "); add the waiver by hand");
      }
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
      spec.commandLine().getErr().println("vetter: added to " + Waivers.FILE + "; it applies to reviews once it is committed on their base");
    }

    private String entry(LocalDate created, LocalDate until) {
      StringBuilder sb = new StringBuilder();
      String first = "  - ";
      if (target.fingerprint != null) {
        sb.append(first).append("fingerprint: ").append(quote(target.fingerprint)).append('\n');
        first = "    ";
      }
      if (target.rule != null) {
        sb.append(first).append("rule: ").append(quote(target.rule)).append('\n');
        first = "    ";
      }
      if (path != null) sb.append("    path: ").append(quote(path)).append('\n');
      sb.append("    reason: ").append(quote(reason)).append('\n');
      sb.append("    owner: ").append(quote(owner)).append('\n');
      sb.append("    created: ").append(created).append('\n');
      sb.append("    expires: ").append(until).append('\n');
      if (note != null) sb.append("    note: ").append(quote(note)).append('\n');
      return sb.toString();
    }

    /** {@code when} as a date: {@code 30d} is thirty days from {@code today}, else a date. */
    static LocalDate expiry(String when, LocalDate today) {
      Matcher m = DAYS.matcher(when.strip());
      if (m.matches()) return today.plusDays(Integer.parseInt(m.group(1)));
      try {
        return LocalDate.parse(when.strip());
      } catch (DateTimeParseException e) {
        throw new UserError("--expires takes a number of days (30d) or a date (2026-03-01), not '" + when + "'");
      }
    }

    /** A YAML scalar for {@code text}: single-quoted, so that '@team', '**' or ': ' stay strings. */
    static String quote(String text) {
      if (text.chars().anyMatch(c -> c < 0x20)) throw new UserError("a waiver's values are one line of text, not '" + text.replace("\n", "\\n") + "'");
      return "'" + text.replace("'", "''") + "'";
    }
  }

  private static GitRepository open(Path dir) {
    try {
      return GitRepository.open(dir);
    } catch (RuntimeException e) {
      throw new UserError(dir + " is not a git repository" + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
    }
  }
}
