package dev.lakehouse.streams.trusted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.streams.trusted.Pseudonymizer.Kind;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PseudonymizerTest {
  private static final byte[] KEY =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  @Test
  void aPseudonymIsTheHmacOfTheKindAndTheValue() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    String expected =
        HexFormat.of().formatHex(mac.doFinal("cpf:01234567890".getBytes(StandardCharsets.UTF_8)));
    assertThat(new Pseudonymizer(KEY).of(Kind.CPF, "01234567890")).isEqualTo(expected).hasSize(64);
  }

  @Test
  void stableForAValueDistinctAcrossKindsAndKeysAndNullStaysNull() {
    Pseudonymizer pseudonyms = new Pseudonymizer(KEY);
    String cpf = pseudonyms.of(Kind.CPF, "01234567890");
    assertThat(pseudonyms.of(Kind.CPF, "01234567890")).isEqualTo(cpf);
    assertThat(pseudonyms.of(Kind.PHONE_NUMBER, "01234567890")).isNotEqualTo(cpf);
    assertThat(pseudonyms.of(Kind.CPF, "1234567890")).as("leading zeros matter").isNotEqualTo(cpf);
    assertThat(
            new Pseudonymizer(
                    "another-key-another-key-another-key".getBytes(StandardCharsets.UTF_8))
                .of(Kind.CPF, "01234567890"))
        .isNotEqualTo(cpf);
    assertThat(pseudonyms.of(Kind.CUSTOMER_NAME, null)).isNull();
    assertThat(cpf).doesNotContain("01234567890");
  }
}
