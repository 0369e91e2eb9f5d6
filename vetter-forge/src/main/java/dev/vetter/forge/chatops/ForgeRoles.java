package dev.vetter.forge.chatops;

import dev.vetter.policy.ChatOpsPolicy.Role;

/** The forges' permission answers as {@link Role}s. Anything not recognised is {@link Role#NONE}: unknown refuses. */
public final class ForgeRoles {
  private ForgeRoles() {}

  /** GitHub's {@code role_name} (or legacy {@code permission}): read, triage, write, maintain, admin; pull and push as GitHub once named them. */
  public static Role github(String roleName) {
    if (roleName == null) return Role.NONE;
    return switch (roleName) {
      case "read", "pull" -> Role.READ;
      case "triage" -> Role.TRIAGE;
      case "write", "push" -> Role.WRITE;
      case "maintain" -> Role.MAINTAIN;
      case "admin" -> Role.ADMIN;
      default -> Role.NONE;
    };
  }

  /**
   * GitLab's member access level: guest (10) and planner (15) read, reporter (20) triages, developer (30) writes,
   * maintainer (40) maintains, owner (50) administers; minimal access (5) and none are nothing.
   */
  public static Role gitlab(int accessLevel) {
    if (accessLevel >= 50) return Role.ADMIN;
    if (accessLevel >= 40) return Role.MAINTAIN;
    if (accessLevel >= 30) return Role.WRITE;
    if (accessLevel >= 20) return Role.TRIAGE;
    if (accessLevel >= 10) return Role.READ;
    return Role.NONE;
  }
}
