package dev.vetter.policy;

/** The text of one policy layer and the name errors should call it by (a path, or {@code path@commit}). */
public record YamlSource(String name, String text) {}
