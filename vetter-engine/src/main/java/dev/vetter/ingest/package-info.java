/**
 * Other tools' output read into findings ({@code vetter review --input FILE --input-format F}): SARIF
 * 2.1.0, Checkstyle XML, reviewdog's rdjson and rdjsonl, JUnit XML, and compiler-style lines through
 * Vim's errorformat. Each reader turns its format into {@link dev.vetter.ingest.Diagnostic}s;
 * {@link dev.vetter.ingest.Ingest} gives them repository paths and {@code external/<tool>/<rule>} ids,
 * and the engine treats the resulting findings like its checks' (see {@code Reviewer.withExternalFindings}).
 * Described in {@code docs/ingest.md}.
 */
package dev.vetter.ingest;
