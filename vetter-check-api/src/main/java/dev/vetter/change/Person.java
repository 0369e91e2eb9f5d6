package dev.vetter.change;

import java.time.Instant;

/** An author or committer of a commit. */
public record Person(String name, String email, Instant when) {}
