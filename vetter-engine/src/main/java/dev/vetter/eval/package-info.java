/**
 * Measuring Vetter on real history ({@code vetter eval replay}): each merged pull request of a branch (a
 * first-parent commit against its first parent) reviewed as the bot would have reviewed it, in one process;
 * what that would have failed and posted, per rule, and how precise it was against findings labelled by hand
 * ({@link dev.vetter.eval.Labels}). The protocol is {@code docs/eval.md}.
 */
package dev.vetter.eval;
