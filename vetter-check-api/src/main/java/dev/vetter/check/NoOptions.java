package dev.vetter.check;

/** The options of a check that has none. */
public record NoOptions() {}
