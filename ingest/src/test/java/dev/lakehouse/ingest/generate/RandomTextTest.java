package dev.lakehouse.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RandomTextTest {
  @Test
  void uuidsAreVersionFourAndBothWritersAgree() {
    for (int i = 0; i < 1_000; i++) {
      String uuid = RandomText.uuid(new SplittableRandom(i));
      StringBuilder appended = new StringBuilder();
      SplittableRandom random = new SplittableRandom(i);
      RandomText.appendUuid(appended, random.nextLong(), random.nextLong());
      assertThat(appended.toString()).isEqualTo(uuid);
      UUID parsed = UUID.fromString(uuid);
      assertThat(parsed.version()).isEqualTo(4);
      assertThat(parsed.variant()).isEqualTo(2);
      assertThat(parsed.toString()).isEqualTo(uuid);
    }
  }

  @Test
  void cpfsHaveValidCheckDigitsAndSometimesLeadingZeros() {
    SplittableRandom random = new SplittableRandom(5);
    boolean leadingZero = false;
    for (int i = 0; i < 1_000; i++) {
      String cpf = RandomText.cpf(random);
      assertThat(cpf).matches("\\d{11}");
      assertThat(checkDigit(cpf, 9)).isEqualTo(cpf.charAt(9) - '0');
      assertThat(checkDigit(cpf, 10)).isEqualTo(cpf.charAt(10) - '0');
      leadingZero |= cpf.startsWith("0");
    }
    assertThat(leadingZero).isTrue();
    assertThat(checkDigit("52998224725", 9)).isEqualTo(2); // a well-known valid CPF
    assertThat(checkDigit("52998224725", 10)).isEqualTo(5);
  }

  @Test
  void digitStrings() {
    SplittableRandom random = new SplittableRandom(9);
    assertThat(RandomText.zeroPadded(1000, 5)).isEqualTo("01000");
    assertThat(RandomText.phoneNumber(random)).matches("9\\d{8}");
    assertThat(RandomText.number(random, 6)).matches("[1-9]\\d{5}");
    StringBuilder hex = new StringBuilder();
    RandomText.appendHex32(hex, random);
    assertThat(hex.toString()).matches("[0-9a-f]{32}");
  }

  private static int checkDigit(String cpf, int count) {
    int sum = 0;
    for (int i = 0; i < count; i++) {
      sum += (cpf.charAt(i) - '0') * (count + 1 - i);
    }
    int remainder = sum % 11;
    return remainder < 2 ? 0 : 11 - remainder;
  }
}
