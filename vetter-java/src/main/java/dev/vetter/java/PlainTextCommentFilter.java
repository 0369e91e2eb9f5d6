package dev.vetter.java;

import com.puppycrawl.tools.checkstyle.AbstractAutomaticBean;
import com.puppycrawl.tools.checkstyle.api.AuditEvent;
import com.puppycrawl.tools.checkstyle.api.FileText;
import com.puppycrawl.tools.checkstyle.api.Filter;
import com.puppycrawl.tools.checkstyle.utils.CommonUtil;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checkstyle's {@code SuppressWithPlainTextCommentFilter}, with the same properties and the same decisions, made
 * in logarithmic rather than linear time per event. Vetter puts it in place of Checkstyle's wherever a
 * configuration names that filter under {@code Checker}, the only place Checkstyle allows it.
 *
 * <p>Why: Checkstyle's filter looks at every suppression of the file for every event. google_checks.xml turns
 * every non-empty line into one ({@code onCommentFormat="."}), so a file with a thousand lines and a few hundred
 * findings costs hundreds of thousands of regex matches; on a large change that was a third of all the time
 * Checkstyle took. Here the suppressions are grouped by their expanded check, id and message patterns (few
 * groups, since most formats have no {@code $n}); each group's patterns are tried once per event, and only
 * the nearest suppression above the event is looked up, by binary search.
 *
 * <p>The decision is Checkstyle's: of the suppressions on the event's line or above it whose patterns match
 * the event, the last one wins, and the event is dropped when that one turns checks off. A line matching both
 * formats is an "off" line. The file is read once, when its first event arrives.
 */
public final class PlainTextCommentFilter extends AbstractAutomaticBean implements Filter {
  private Pattern offCommentFormat = Pattern.compile("// CHECKSTYLE:OFF");
  private Pattern onCommentFormat = Pattern.compile("// CHECKSTYLE:ON");
  private String checkFormat = ".*";
  private String messageFormat;
  private String idFormat;

  private String fileName;
  private List<Group> groups = List.of();

  public void setOffCommentFormat(Pattern pattern) {
    offCommentFormat = pattern;
  }

  public void setOnCommentFormat(Pattern pattern) {
    onCommentFormat = pattern;
  }

  public void setCheckFormat(String format) {
    checkFormat = format;
  }

  public void setMessageFormat(String format) {
    messageFormat = format;
  }

  public void setIdFormat(String format) {
    idFormat = format;
  }

  @Override
  protected void finishLocalSetup() {
    // nothing to set up: the patterns are compiled per file, from its suppression comments
  }

  @Override
  public boolean accept(AuditEvent event) {
    if (event.getViolation() == null) return true;
    if (!event.getFileName().equals(fileName)) {
      fileName = event.getFileName();
      groups = groups(fileName);
    }
    int nearestLine = 0;
    boolean nearestOff = false;
    for (Group g : groups) {
      int i = g.lastAtOrAbove(event.getLine());
      if (i < 0 || g.lines[i] <= nearestLine || !g.matches(event)) continue;
      nearestLine = g.lines[i];
      nearestOff = g.off[i];
    }
    return !nearestOff;
  }

  private List<Group> groups(String name) {
    File file = new File(name);
    if (file.isDirectory()) return List.of(); // Checkstyle's filter lets an event on a directory through too
    FileText text;
    try {
      text = new FileText(file, StandardCharsets.UTF_8.name());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read source file: " + name, e);
    }
    Map<String, Group.Builder> byPatterns = new LinkedHashMap<>();
    for (int i = 0; i < text.size(); i++) {
      String line = text.get(i);
      var off = offCommentFormat.matcher(line);
      var on = onCommentFormat.matcher(line);
      boolean isOff = off.find();
      if (!isOff && !on.find()) continue;
      String comment = isOff ? off.group(0) : on.group(0);
      Pattern format = isOff ? offCommentFormat : onCommentFormat;
      String check = CommonUtil.fillTemplateWithStringsByRegexp(checkFormat, comment, format);
      String message = messageFormat == null ? null : CommonUtil.fillTemplateWithStringsByRegexp(messageFormat, comment, format);
      String id = idFormat == null ? null : CommonUtil.fillTemplateWithStringsByRegexp(idFormat, comment, format);
      byPatterns.computeIfAbsent(check + '\0' + message + '\0' + id, k -> new Group.Builder(check, message, id)).add(i + 1, isOff);
    }
    List<Group> result = new ArrayList<>(byPatterns.size());
    for (Group.Builder b : byPatterns.values()) result.add(b.build());
    return result;
  }

  /** The suppressions that share their check, message and id patterns, in line order. */
  private static final class Group {
    final Pattern check;
    final Pattern message;
    final Pattern id;
    final int[] lines;
    final boolean[] off;
    /** Whether {@link #check} finds a match in an event's source: a few dozen checks report most events. */
    private final Map<String, Boolean> checkMatches = new HashMap<>();

    private Group(Builder b) {
      check = compile(b.check);
      message = b.message == null ? null : compile(b.message);
      id = b.id == null ? null : compile(b.id);
      lines = new int[b.lines.size()];
      off = new boolean[lines.length];
      for (int i = 0; i < lines.length; i++) {
        lines[i] = b.lines.get(i);
        off[i] = b.off.get(i);
      }
    }

    private static Pattern compile(String expanded) {
      try {
        return Pattern.compile(expanded);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("unable to parse expanded comment " + expanded, e);
      }
    }

    /** The index of the last suppression on {@code line} or above it, or -1. */
    int lastAtOrAbove(int line) {
      int lo = 0;
      int hi = lines.length - 1;
      int found = -1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        if (lines[mid] <= line) {
          found = mid;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      return found;
    }

    boolean matches(AuditEvent event) {
      if (!checkMatches.computeIfAbsent(event.getSourceName(), s -> check.matcher(s).find())) return false;
      if (id != null && (event.getModuleId() == null || !id.matcher(event.getModuleId()).find())) return false;
      return message == null || message.matcher(event.getMessage()).find();
    }

    private static final class Builder {
      final String check;
      final String message;
      final String id;
      final List<Integer> lines = new ArrayList<>();
      final List<Boolean> off = new ArrayList<>();

      Builder(String check, String message, String id) {
        this.check = check;
        this.message = message;
        this.id = id;
      }

      void add(int line, boolean isOff) {
        lines.add(line);
        off.add(isOff);
      }

      Group build() {
        return new Group(this);
      }
    }
  }
}
