package dev.vetter.forge.chatops;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the {@code /vetter} command in a comment body. Pure; thread-safe.
 *
 * <p>Only a line that starts with {@code /vetter} (after at most three spaces) counts; lines inside fenced code blocks
 * ({@code ```} or {@code ~~~}), indented code (four spaces or a tab) and quotes ({@code > ...}) never do, so quoting
 * someone's command or showing one in an example does nothing. The first command line wins; a comment holds one
 * command.
 */
public final class CommandParser {
  /** The longest a waiver given in a comment may ask for; the policy's {@code waivers.max-days} may allow less. */
  public static final int MAX_DAYS = 365;
  /** How long a waiver given in a comment lasts when it does not say. */
  public static final int DEFAULT_DAYS = 30;
  private static final int MAX_REASON = 500;
  private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{8,64}");
  private static final Pattern RULE = Pattern.compile("[a-z0-9][A-Za-z0-9._/-]{0,199}");
  private static final Pattern DAYS = Pattern.compile("([1-9][0-9]{0,4})d");
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,}).*");

  private CommandParser() {}

  /** The command in {@code body}, or empty when no line outside quotes and code starts with {@code /vetter}. */
  public static Optional<Command> parse(String body) {
    if (body == null) return Optional.empty();
    String fence = null;
    for (String line : body.split("\r\n|\r|\n", -1)) {
      var m = FENCE.matcher(line);
      if (fence != null) {
        // a fence closes with at least as many of the same character
        if (m.matches() && closes(line.strip(), fence)) fence = null;
        continue;
      }
      if (m.matches()) {
        fence = m.group(1);
        continue;
      }
      if (line.startsWith("\t") || line.startsWith("    ")) continue;
      String s = line.strip();
      if (s.startsWith(">")) continue;
      if (s.equals("/vetter") || s.startsWith("/vetter ") || s.startsWith("/vetter\t")) return Optional.of(command(s.substring("/vetter".length()).strip()));
    }
    return Optional.empty();
  }

  private static boolean closes(String line, String fence) {
    if (!line.startsWith(fence)) return false;
    for (int i = 0; i < line.length(); i++) if (line.charAt(i) != fence.charAt(0)) return false;
    return true;
  }

  /** Whether {@code s} has the form of a finding's fingerprint. */
  public static boolean isFingerprint(String s) {
    return s != null && FINGERPRINT.matcher(s).matches();
  }

  private static Command command(String rest) {
    List<String> words = new ArrayList<>(List.of(rest.isEmpty() ? new String[0] : rest.split("\\s+")));
    if (words.isEmpty()) return new Command.Help();
    String verb = words.removeFirst();
    Args args = Args.of(words);
    if (args.problem != null) return new Command.Invalid(rest, args.problem);
    return switch (verb) {
      case "help" -> new Command.Help();
      case "recheck" -> args.none("recheck", new Command.Recheck());
      case "undo" -> args.none("undo", new Command.Undo());
      case "explain" -> {
        if (args.positional.size() != 1 || args.reason != null || args.expires != null) yield invalid(rest, "usage: /vetter explain RULE");
        String rule = args.positional.getFirst();
        yield RULE.matcher(rule).matches() ? new Command.Explain(rule) : invalid(rest, "not a rule id: " + rule);
      }
      case "fp" -> {
        if (args.expires != null) yield invalid(rest, "/vetter fp takes no --expires");
        List<String> p = args.positional;
        String fingerprint = !p.isEmpty() && isFingerprint(p.getFirst()) ? p.getFirst() : null;
        String reason = String.join(" ", fingerprint == null ? p : p.subList(1, p.size()));
        if (args.reason != null) reason = (reason + " " + args.reason).strip();
        yield new Command.FalsePositive(fingerprint, clip(reason));
      }
      case "waive" -> {
        if (args.positional.size() != 1) yield invalid(rest, "usage: /vetter waive RULE|FINGERPRINT --reason TEXT [--expires 30d]");
        String target = args.positional.getFirst();
        if (!isFingerprint(target) && !RULE.matcher(target).matches()) yield invalid(rest, "not a rule id or fingerprint: " + target);
        if (args.reason == null || args.reason.isBlank()) yield invalid(rest, "a waiver needs --reason TEXT");
        int days = DEFAULT_DAYS;
        if (args.expires != null) {
          var m = DAYS.matcher(args.expires);
          if (!m.matches() || Integer.parseInt(m.group(1)) > MAX_DAYS) {
            yield invalid(rest, "--expires takes a number of days from 1d to " + MAX_DAYS + "d, not '" + args.expires + "'");
          }
          days = Integer.parseInt(m.group(1));
        }
        yield new Command.Waive(target, clip(args.reason), days);
      }
      case "override" -> {
        if (!args.positional.isEmpty() || args.expires != null) yield invalid(rest, "usage: /vetter override --reason TEXT");
        if (args.reason == null || args.reason.isBlank()) yield invalid(rest, "an override needs --reason TEXT");
        yield new Command.Override(clip(args.reason));
      }
      default -> invalid(rest, "unknown command '" + verb + "'");
    };
  }

  private static Command invalid(String text, String problem) {
    return new Command.Invalid(text, problem);
  }

  private static String clip(String reason) {
    String r = reason.strip();
    if (r.length() >= 2 && (r.startsWith("\"") && r.endsWith("\"") || r.startsWith("'") && r.endsWith("'"))) r = r.substring(1, r.length() - 1).strip();
    return r.length() > MAX_REASON ? r.substring(0, MAX_REASON) + "…" : r;
  }

  /** Words before the first flag, then {@code --reason} (everything up to the next flag) and {@code --expires}. */
  private record Args(List<String> positional, String reason, String expires, String problem) {
    static Args of(List<String> words) {
      List<String> positional = new ArrayList<>();
      String reason = null, expires = null;
      for (int i = 0; i < words.size(); i++) {
        String w = words.get(i);
        if (w.equals("--reason")) {
          List<String> r = new ArrayList<>();
          while (i + 1 < words.size() && !words.get(i + 1).equals("--expires")) r.add(words.get(++i));
          if (reason != null) return new Args(positional, reason, expires, "--reason given twice");
          reason = String.join(" ", r);
        } else if (w.equals("--expires")) {
          if (i + 1 >= words.size()) return new Args(positional, reason, expires, "--expires needs a value such as 30d");
          if (expires != null) return new Args(positional, reason, expires, "--expires given twice");
          expires = words.get(++i);
        } else if (w.startsWith("--")) {
          return new Args(positional, reason, expires, "unknown option " + w);
        } else {
          positional.add(w);
        }
      }
      return new Args(positional, reason, expires, null);
    }

    Command none(String verb, Command c) {
      return positional.isEmpty() && reason == null && expires == null ? c : new Command.Invalid(verb, "/vetter " + verb + " takes no arguments");
    }
  }
}
