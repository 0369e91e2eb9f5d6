package dev.vetter.server.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Small helpers over the JDK's HTTP server: bounded body reads and short plain-text answers. */
final class Http {
  private Http() {}

  /** The body would be larger than the limit. */
  static final class TooLarge extends Exception {
    TooLarge() {
      super(null, null, false, false);
    }
  }

  /** Too many bodies are held in memory right now (see {@link BodyBudget}). */
  static final class Busy extends Exception {
    Busy() {
      super(null, null, false, false);
    }
  }

  /** The body was not a valid HTTP body (bad Content-Length, broken chunking). */
  static final class BadBody extends Exception {
    BadBody(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Reads the request body, at most {@code max} bytes. A declared Content-Length over the limit is refused before
   * a byte is read; a chunked body is refused as soon as it passes the limit, so an oversized body is never read
   * whole. Bytes are taken from {@code budget} as they arrive, never as declared, so a client that declares a large
   * body and sends it slowly holds only what it sent; {@code held[0]} says how many, for the caller to release when
   * it is done with the body (also when this throws).
   */
  static byte[] readBody(HttpExchange exchange, int max, BodyBudget budget, long[] held) throws TooLarge, BadBody, Busy, IOException {
    long declared = declaredLength(exchange, max);
    InputStream in = exchange.getRequestBody();
    // grown as bytes arrive (doubling, up to the declared length), never allocated from the declaration alone
    byte[] body = new byte[(int) Math.min(declared >= 0 ? declared : max, 16384)];
    int total = 0;
    while (true) {
      if (total == body.length) {
        if (total == (declared >= 0 ? declared : max)) {
          // a chunked body at the limit is too large if one more byte comes
          if (declared < 0 && in.read() != -1) throw new TooLarge();
          break;
        }
        long limit = declared >= 0 ? declared : max;
        body = Arrays.copyOf(body, (int) Math.min(limit, Math.max(16384, 2L * body.length)));
      }
      int n = in.read(body, total, body.length - total);
      if (n == -1) break;
      if (!budget.reserve(n)) throw new Busy();
      held[0] += n;
      total += n;
    }
    if (declared >= 0 && total < declared) throw new BadBody("body shorter than its Content-Length");
    return total == body.length ? body : Arrays.copyOf(body, total);
  }

  /** The declared Content-Length, -1 when there is none (chunked); refused over {@code max}. */
  private static long declaredLength(HttpExchange exchange, int max) throws TooLarge, BadBody {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared == null) return -1;
    long n;
    try {
      n = Long.parseLong(declared.strip());
    } catch (NumberFormatException e) {
      throw new BadBody("bad Content-Length");
    }
    if (n > max) throw new TooLarge();
    if (n < 0) throw new BadBody("bad Content-Length");
    return n;
  }

  /** Whether the request declares a body larger than {@code max} (checked again, exactly, while reading). */
  static boolean declaresMoreThan(HttpExchange exchange, int max) throws BadBody {
    try {
      declaredLength(exchange, max);
      return false;
    } catch (TooLarge e) {
      return true;
    }
  }

  /** Answers {@code status} with a one-line plain-text body (none for 204), and ends the exchange. */
  static void respond(HttpExchange exchange, int status, String text) throws IOException {
    respond(exchange, status, "text/plain; charset=utf-8", text == null ? "" : text + "\n");
  }

  static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    if (status == 204 || bytes.length == 0) {
      exchange.sendResponseHeaders(status, -1);
    } else {
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(bytes);
      }
    }
    exchange.close();
  }

  /** A header value that is safe to store and echo: printable ASCII, bounded length; null otherwise. */
  static String token(HttpExchange exchange, String header) {
    String v = exchange.getRequestHeaders().getFirst(header);
    if (v == null) return null;
    v = v.strip();
    if (v.isEmpty() || v.length() > 200) return null;
    for (int i = 0; i < v.length(); i++) if (v.charAt(i) < 0x20 || v.charAt(i) > 0x7e) return null;
    return v;
  }
}
