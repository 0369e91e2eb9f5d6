package dev.vetter.github.fake;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/** An RSA key pair for a test GitHub App, with its private key as PEM the way GitHub hands it out (PKCS#1) or PKCS#8. */
public final class TestKeys {
  private static volatile TestKeys shared;
  private final KeyPair pair;

  private TestKeys(KeyPair pair) {
    this.pair = pair;
  }

  /** One 2048-bit pair per JVM (generating one takes a moment). */
  public static TestKeys shared() {
    if (shared == null) {
      synchronized (TestKeys.class) {
        if (shared == null) shared = generate();
      }
    }
    return shared;
  }

  public static TestKeys generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return new TestKeys(g.generateKeyPair());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public RSAPublicKey publicKey() {
    return (RSAPublicKey) pair.getPublic();
  }

  public RSAPrivateKey privateKey() {
    return (RSAPrivateKey) pair.getPrivate();
  }

  /** {@code -----BEGIN PRIVATE KEY-----} (PKCS#8). */
  public String pkcs8Pem() {
    return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
  }

  /** {@code -----BEGIN RSA PRIVATE KEY-----} (PKCS#1), what GitHub's "Generate a private key" downloads. */
  public String pkcs1Pem() {
    return pem("RSA PRIVATE KEY", unwrapPkcs8(pair.getPrivate().getEncoded()));
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + label + "-----\n";
  }

  /** The OCTET STRING inside PKCS#8's SEQUENCE { version, algorithm, OCTET STRING }. */
  static byte[] unwrapPkcs8(byte[] der) {
    int[] pos = {0};
    header(der, pos, 0x30);
    int versionLength = header(der, pos, 0x02);
    pos[0] += versionLength;
    int algorithmLength = header(der, pos, 0x30);
    pos[0] += algorithmLength;
    int keyLength = header(der, pos, 0x04);
    return Arrays.copyOfRange(der, pos[0], pos[0] + keyLength);
  }

  private static int header(byte[] der, int[] pos, int tag) {
    if ((der[pos[0]++] & 0xff) != tag) throw new IllegalArgumentException("unexpected DER tag");
    int first = der[pos[0]++] & 0xff;
    if (first < 0x80) return first;
    int length = 0;
    for (int i = 0; i < (first & 0x7f); i++) length = (length << 8) | (der[pos[0]++] & 0xff);
    return length;
  }
}
