package dev.vetter.server.chatops;

/** A claimed command job: the comment and which run of it this is (1 for the first). */
public record CommandJob(long id, CommandRequest request, int attempt) {}
