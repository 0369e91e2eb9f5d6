package dev.vetter.change;

/** What happened to a file between base and head. */
public enum FileStatus { ADDED, MODIFIED, DELETED, RENAMED, COPIED }
