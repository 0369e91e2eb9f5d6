package dev.vetter.checks.deps;

/**
 * A package source a manifest declares for all its dependencies: a Maven {@code <repository>}, a Gradle
 * {@code maven { url ... }}, pip's {@code --extra-index-url}, a Gemfile {@code source}, ...
 *
 * @param location a URL, or what the manifest writes ({@code mavenLocal()})
 * @param line where it is declared
 * @param problem why it is never trusted whatever its URL (e.g. pip's {@code --trusted-host} turns off
 *     TLS checks), or null
 */
record Registry(String location, int line, String problem) {}
