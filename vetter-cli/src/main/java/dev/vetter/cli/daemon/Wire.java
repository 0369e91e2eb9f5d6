package dev.vetter.cli.daemon;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The daemon's protocol, on a Unix-domain socket. The client sends one request: a magic number, the protocol
 * version, a kind byte, then for {@link #RUN} its working directory, arguments, environment and whether it talks
 * to a terminal. The daemon answers in frames (a type byte, a length, that many bytes): standard output, standard
 * error, and last the exit code, or the status text, or a refusal that sends the client back to reviewing itself.
 * Binary and hand-read so that the client, which runs on every {@code vetter review}, loads next to nothing.
 */
final class Wire {
  static final int MAGIC = 0x56455454; // "VETT"
  static final int VERSION = 1;
  /** Request kinds. */
  static final byte RUN = 'R', STATUS = 'S', STOP = 'Q';
  /** Frame types: output, error output, exit code, status text, refusal (the client reviews itself). */
  static final byte OUT = 'o', ERR = 'e', EXIT = 'x', TEXT = 's', REFUSED = 'r';
  /** Bounds what one string or one request may make the daemon allocate. */
  static final int MAX_STRING = 1 << 20, MAX_COUNT = 10_000;

  private Wire() {}

  /** A request: for {@link #RUN} the command as typed, else only the kind. */
  record Request(byte kind, String cwd, List<String> args, Map<String, String> env, boolean terminal) {}

  static void writeRequest(OutputStream out, Request r) throws IOException {
    Out o = new Out();
    o.putInt(MAGIC).putInt(VERSION).put(r.kind());
    if (r.kind() == RUN) {
      o.putString(r.cwd()).putInt(r.args().size());
      for (String a : r.args()) o.putString(a);
      o.putInt(r.env().size());
      r.env().forEach((k, v) -> o.putString(k).putString(v));
      o.put((byte) (r.terminal() ? 1 : 0));
    }
    out.write(o.bytes(), 0, o.size());
    out.flush();
  }

  /** Reads a request; an {@link IOException} when it is not one of this version's. */
  static Request readRequest(InputStream in) throws IOException {
    if (readInt(in) != MAGIC) throw new IOException("not a Vetter daemon request");
    int version = readInt(in);
    if (version != VERSION) throw new IOException("protocol version " + version + ", this daemon speaks " + VERSION);
    byte kind = (byte) readByte(in);
    if (kind != RUN) return new Request(kind, null, List.of(), Map.of(), false);
    String cwd = readString(in);
    int n = count(in);
    List<String> args = new ArrayList<>(n);
    for (int i = 0; i < n; i++) args.add(readString(in));
    int m = count(in);
    Map<String, String> env = new LinkedHashMap<>();
    for (int i = 0; i < m; i++) env.put(readString(in), readString(in));
    boolean terminal = readByte(in) == 1;
    return new Request(kind, cwd, args, env, terminal);
  }

  /** Writes one frame; whole, so that frames from two threads never interleave. */
  static void writeFrame(SocketChannel ch, byte type, byte[] bytes, int off, int len) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(5 + len).put(type).putInt(len).put(bytes, off, len).flip();
    synchronized (ch) {
      while (b.hasRemaining()) ch.write(b);
    }
  }

  static void writeFrame(SocketChannel ch, byte type, String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    writeFrame(ch, type, b, 0, b.length);
  }

  static void writeExit(SocketChannel ch, int code) throws IOException {
    writeFrame(ch, EXIT, ByteBuffer.allocate(4).putInt(code).array(), 0, 4);
  }

  /** A frame as read: its type and bytes. */
  record Frame(byte type, byte[] bytes) {
    int exitCode() {
      return ByteBuffer.wrap(bytes).getInt();
    }

    String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** The next frame, or null at the end of the stream. */
  static Frame readFrame(InputStream in) throws IOException {
    int type = in.read();
    if (type < 0) return null;
    int len = readInt(in);
    if (len < 0 || len > MAX_STRING * 8) throw new IOException("a frame of " + len + " bytes");
    return new Frame((byte) type, in.readNBytes(len));
  }

  private static int count(InputStream in) throws IOException {
    int n = readInt(in);
    if (n < 0 || n > MAX_COUNT) throw new IOException("a list of " + n + " items");
    return n;
  }

  private static String readString(InputStream in) throws IOException {
    int len = readInt(in);
    if (len < 0 || len > MAX_STRING) throw new IOException("a string of " + len + " bytes");
    byte[] b = in.readNBytes(len);
    if (b.length < len) throw new EOFException();
    return new String(b, StandardCharsets.UTF_8);
  }

  private static int readByte(InputStream in) throws IOException {
    int b = in.read();
    if (b < 0) throw new EOFException();
    return b;
  }

  private static int readInt(InputStream in) throws IOException {
    byte[] b = in.readNBytes(4);
    if (b.length < 4) throw new EOFException();
    return ByteBuffer.wrap(b).getInt();
  }

  /** A growing buffer for one request. */
  private static final class Out {
    private byte[] buf = new byte[4096];
    private int size;

    private void ensure(int more) {
      if (size + more > buf.length) buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }

    Out put(byte b) {
      ensure(1);
      buf[size++] = b;
      return this;
    }

    Out putInt(int v) {
      ensure(4);
      ByteBuffer.wrap(buf, size, 4).putInt(v);
      size += 4;
      return this;
    }

    Out putString(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      putInt(b.length);
      ensure(b.length);
      System.arraycopy(b, 0, buf, size, b.length);
      size += b.length;
      return this;
    }

    byte[] bytes() {
      return buf;
    }

    int size() {
      return size;
    }
  }
}
