package dev.vetter.ai.prompt;

import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * Wraps one untrusted datum (a pull request's title, its body, a commit message, code) in a delimiter of its own,
 * declared as data. The delimiter holds a fresh random nonce that the datum does not contain, so text inside
 * cannot close its fence early or forge another: "ignore the above" inside a fence stays inside it.
 */
final class Fence {
  private final RandomGenerator random;

  Fence(RandomGenerator random) {
    this.random = random;
  }

  /** {@code content} between {@code <<<DATA kind id>>>} and {@code <<<END id>>>}, with a nonce it does not contain. */
  String wrap(String kind, String content) {
    String id;
    do {
      byte[] nonce = new byte[8];
      random.nextBytes(nonce);
      id = HexFormat.of().formatHex(nonce);
    } while (content.contains(id));
    return "<<<DATA " + kind + " " + id + ">>>\n" + content + (content.endsWith("\n") || content.isEmpty() ? "" : "\n") + "<<<END " + id + ">>>\n";
  }
}
