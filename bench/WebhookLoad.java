import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Load generator for bench/webhook-load.sh (single-file program, JDK only):
 *
 *   java bench/WebhookLoad.java PORT PATH SECRET REQUESTS CONNECTIONS LABEL [FIRST_ID]
 *
 * Sends REQUESTS signed pull_request "opened" deliveries (distinct delivery ids and pull request numbers) to
 * 127.0.0.1:PORT PATH over CONNECTIONS keep-alive HTTP/1.1 connections, each sending its next request as soon as
 * the previous one is answered. Bodies and signatures are prepared before the clock starts. Prints throughput and
 * the acknowledgement latency percentiles; exits 1 if any answer was not 2xx.
 */
public final class WebhookLoad {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String path = args[1];
    String secret = args[2];
    int requests = Integer.parseInt(args[3]);
    int connections = Integer.parseInt(args[4]);
    String label = args[5];
    long firstId = args.length > 6 ? Long.parseLong(args[6]) : 1;

    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[][] wire = new byte[requests][];
    String head = "0123456789abcdef0123456789abcdef01234567";
    String filler = "x".repeat(6000); // real pull_request payloads are 20-30 KB; this one is about 6 KB
    for (int i = 0; i < requests; i++) {
      long n = firstId + i;
      byte[] body = ("{\"action\":\"opened\",\"number\":" + n + ",\"pull_request\":{\"number\":" + n
          + ",\"state\":\"open\",\"draft\":false,\"title\":\"load " + n + "\",\"body\":\"" + filler + "\",\"head\":{\"sha\":\"" + head
          + "\"}},\"repository\":{\"full_name\":\"bench/repo" + (n % 50) + "\",\"owner\":{\"login\":\"bench\"}},\"installation\":{\"id\":" + (n % 5) + "}}")
          .getBytes(StandardCharsets.UTF_8);
      String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
      String headers = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-GitHub-Event: pull_request\r\n"
          + "X-GitHub-Delivery: bench-" + label + "-" + n + "\r\nX-Hub-Signature-256: " + signature + "\r\nContent-Length: " + body.length + "\r\n\r\n";
      byte[] h = headers.getBytes(StandardCharsets.US_ASCII);
      wire[i] = Arrays.copyOf(h, h.length + body.length);
      System.arraycopy(body, 0, wire[i], h.length, body.length);
    }

    long[] latency = new long[requests];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    AtomicLong firstFailure = new AtomicLong(-1);
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < connections; c++) {
      threads.add(Thread.ofPlatform().start(() -> {
        Socket socket = null;
        try {
          for (int i; (i = next.getAndIncrement()) < requests; ) {
            if (socket == null) {
              socket = new Socket("127.0.0.1", port);
              socket.setTcpNoDelay(true);
            }
            long t0 = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            out.write(wire[i]);
            out.flush();
            Answer a = read(socket.getInputStream());
            latency[i] = System.nanoTime() - t0;
            if (a.status / 100 != 2) {
              failures.incrementAndGet();
              firstFailure.compareAndSet(-1, a.status);
            }
            if (a.close) {
              socket.close();
              socket = null;
            }
          }
        } catch (IOException e) {
          failures.incrementAndGet();
          System.err.println(label + ": " + e);
        } finally {
          try {
            if (socket != null) socket.close();
          } catch (IOException ignored) {
            // done anyway
          }
        }
      }));
    }
    for (Thread t : threads) t.join();
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] sorted = latency.clone();
    Arrays.sort(sorted);
    System.out.printf("%-34s %7d requests  %8.0f req/s   p50 %6.2f ms   p99 %6.2f ms   max %7.2f ms   non-2xx %d%n",
        label, requests, requests / seconds, pct(sorted, 0.50), pct(sorted, 0.99), sorted[sorted.length - 1] / 1e6, failures.get());
    if (failures.get() > 0) {
      System.err.println(label + ": first failing status " + firstFailure.get());
      System.exit(1);
    }
  }

  static double pct(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }

  record Answer(int status, boolean close) {}

  /** Reads one HTTP/1.1 response (status line, headers, Content-Length body). */
  static Answer read(InputStream raw) throws IOException {
    InputStream in = raw instanceof BufferedInputStream ? raw : raw;
    String status = line(in);
    if (status == null) throw new IOException("connection closed by the server");
    int code = Integer.parseInt(status.split(" ")[1]);
    int length = 0;
    boolean close = false;
    for (String h; !(h = line(in)).isEmpty(); ) {
      String lower = h.toLowerCase();
      if (lower.startsWith("content-length:")) length = Integer.parseInt(h.substring(15).strip());
      if (lower.startsWith("connection:") && lower.contains("close")) close = true;
    }
    in.readNBytes(length);
    return new Answer(code, close);
  }

  static String line(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int ch; (ch = in.read()) != -1; ) {
      if (ch == '\n') return b.toString();
      if (ch != '\r') b.append((char) ch);
    }
    return b.isEmpty() ? null : b.toString();
  }
}
