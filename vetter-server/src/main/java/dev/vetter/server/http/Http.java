package dev.vetter.server.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

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
   * whole. The bytes read are taken from {@code budget}; {@code held[0]} says how many, for the caller to release
   * when it is done with the body (also when this throws).
   */
  static byte[] readBody(HttpExchange exchange, int max, BodyBudget budget, long[] held) throws TooLarge, BadBody, Busy, IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    int expected = 0;
    if (declared != null) {
      long n;
      try {
        n = Long.parseLong(declared.strip());
      } catch (NumberFormatException e) {
        throw new BadBody("bad Content-Length");
      }
      if (n > max) throw new TooLarge();
      if (n < 0) throw new BadBody("bad Content-Length");
      expected = (int) n;
    }
    InputStream in = exchange.getRequestBody();
    if (declared != null) {
      if (!budget.reserve(expected)) throw new Busy();
      held[0] = expected;
      byte[] body = in.readNBytes(expected);
      if (body.length < expected) throw new BadBody("body shorter than its Content-Length");
      return body;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    byte[] buffer = new byte[16384];
    long total = 0;
    for (int n; (n = in.read(buffer)) != -1; ) {
      total += n;
      if (total > max) throw new TooLarge();
      while (total > held[0]) {
        // a chunked body of unknown size is accounted for one mebibyte at a time
        if (!budget.reserve(1 << 20)) throw new Busy();
        held[0] += 1 << 20;
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
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
