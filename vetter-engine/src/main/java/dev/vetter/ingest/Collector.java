package dev.vetter.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a reader found in one input: diagnostics, and what it left out and why (told to the user as warnings). */
final class Collector {
  final List<Diagnostic> diagnostics = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  /** Entries of the input deliberately not turned into findings, by reason. */
  final Map<String, Integer> skipped = new LinkedHashMap<>();

  void add(Diagnostic d) {
    diagnostics.add(d);
  }

  void note(String text) {
    notes.add(text);
  }

  void skip(String reason) {
    skipped.merge(reason, 1, Integer::sum);
  }
}
