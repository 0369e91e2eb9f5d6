package dev.vetter.change;

/** A git tree entry's mode, as far as a review cares. */
public enum FileMode {
  REGULAR, EXECUTABLE, SYMLINK, SUBMODULE, TREE, MISSING;

  /** Maps git's octal mode bits ({@code 100644}, {@code 120000}, ...). */
  public static FileMode ofBits(int bits) {
    return switch (bits & 0170000) {
      case 0 -> MISSING;
      case 0120000 -> SYMLINK;
      case 0160000 -> SUBMODULE;
      case 0040000 -> TREE;
      default -> (bits & 0111) != 0 ? EXECUTABLE : REGULAR;
    };
  }
}
