package dev.vetter.github.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a GitHub App's private key from PEM text: GitHub hands out PKCS#1 ({@code BEGIN RSA PRIVATE KEY}); PKCS#8
 * ({@code BEGIN PRIVATE KEY}, what {@code openssl pkcs8 -topk8 -nocrypt} makes) works too. Error messages say what is
 * wrong and never contain key material.
 */
public final class PrivateKeys {
  private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([\\s\\S]*?)-----END \\1-----");
  // AlgorithmIdentifier of rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters, DER
  private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

  private PrivateKeys() {}

  /** A key that cannot be used, with a reason fit for a one-line start-up error. */
  public static final class InvalidKeyException extends IllegalArgumentException {
    InvalidKeyException(String message) {
      super(message);
    }
  }

  public static RSAPrivateKey parse(String pem) {
    Matcher m = PEM.matcher(pem);
    while (m.find()) {
      String label = m.group(1);
      String body = m.group(2);
      switch (label) {
        case "RSA PRIVATE KEY" -> {
          if (body.contains("ENCRYPTED")) throw new InvalidKeyException("the RSA private key is encrypted; use the unencrypted .pem GitHub generated");
          return rsa(wrapPkcs1(base64(body)));
        }
        case "PRIVATE KEY" -> {
          return rsa(base64(body));
        }
        case "ENCRYPTED PRIVATE KEY" -> throw new InvalidKeyException("the private key is encrypted; use the unencrypted .pem GitHub generated");
        default -> {
          if (label.endsWith("PRIVATE KEY")) throw new InvalidKeyException("a " + label + " is not an RSA key; GitHub App keys are RSA");
        }
      }
    }
    throw new InvalidKeyException("no PEM private key found (expected a BEGIN RSA PRIVATE KEY block as GitHub generates it, or BEGIN PRIVATE KEY)");
  }

  private static byte[] base64(String body) {
    StringBuilder sb = new StringBuilder();
    for (String line : body.split("\\R")) {
      if (line.contains(":")) continue; // PEM headers (Proc-Type etc.)
      sb.append(line.strip());
    }
    try {
      return Base64.getDecoder().decode(sb.toString());
    } catch (IllegalArgumentException e) {
      throw new InvalidKeyException("the PEM private key is not valid base64");
    }
  }

  private static RSAPrivateKey rsa(byte[] pkcs8) {
    try {
      return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (InvalidKeySpecException | ClassCastException e) {
      throw new InvalidKeyException("the PEM private key is not a valid RSA private key");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no RSA", e);
    }
  }

  /** PKCS#1 RSAPrivateKey inside PKCS#8: SEQUENCE { INTEGER 0, rsaEncryption, OCTET STRING { key } }. */
  static byte[] wrapPkcs1(byte[] pkcs1) {
    ByteArrayOutputStream inner = new ByteArrayOutputStream();
    inner.writeBytes(new byte[] {0x02, 0x01, 0x00});
    inner.writeBytes(RSA_ALGORITHM);
    inner.write(0x04);
    writeLength(inner, pkcs1.length);
    inner.writeBytes(pkcs1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    writeLength(out, inner.size());
    out.writeBytes(inner.toByteArray());
    return out.toByteArray();
  }

  private static void writeLength(ByteArrayOutputStream out, int length) {
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else if (length < 0x10000) {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length & 0xff);
    } else {
      out.write(0x83);
      out.write(length >> 16);
      out.write((length >> 8) & 0xff);
      out.write(length & 0xff);
    }
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.US_ASCII);
  }
}
