package dev.lakehouse.streams.trusted;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms for personal data: HMAC-SHA256 over the field's kind and its clear value, as 64
 * lowercase hex characters. The same value of the same kind always gets the same pseudonym (so
 * analysts can still count and join), a pseudonym cannot be reversed or recomputed without the key,
 * and the kind keeps equal values of different fields (a name and a phone number that happen to
 * match) apart. Not thread safe: one per processor.
 */
public final class Pseudonymizer {
  /** The personal fields, each its own pseudonym domain. */
  public enum Kind {
    CPF,
    CUSTOMER_NAME,
    PHONE_NUMBER,
    ADDRESS_EXTERNAL_ID;

    private final byte[] label =
        (name().toLowerCase(java.util.Locale.ROOT) + ":").getBytes(StandardCharsets.UTF_8);
  }

  private final Mac mac;

  public Pseudonymizer(byte[] key) {
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
    }
  }

  /** The pseudonym of {@code clear}; null stays null. */
  public String of(Kind kind, String clear) {
    if (clear == null) {
      return null;
    }
    mac.update(kind.label);
    return HexFormat.of().formatHex(mac.doFinal(clear.getBytes(StandardCharsets.UTF_8)));
  }
}
