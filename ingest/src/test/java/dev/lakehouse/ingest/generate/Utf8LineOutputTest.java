package dev.lakehouse.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Utf8LineOutputTest {
  @Test
  void encodesLikeTheJdk() throws IOException {
    SplittableRandom random = new SplittableRandom(4);
    String[] pieces = {"a", "{\"x\":1}", "ção", "€", "🙏", "\u00ff", "z"};
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    ByteArrayOutputStream actual = new ByteArrayOutputStream();
    try (Utf8LineOutput out = new Utf8LineOutput(actual)) {
      for (int line = 0; line < 3_000; line++) {
        StringBuilder text = new StringBuilder();
        int length = line == 1_000 ? 200_000 : random.nextInt(300);
        while (text.length() < length) {
          text.append(pieces[random.nextInt(pieces.length)]);
        }
        if (line % 7 == 0) {
          out.writeLine(text.toString().getBytes(StandardCharsets.UTF_8));
        } else if (line % 2 == 0) {
          out.writeLine(text.toString());
        } else {
          out.writeLine(text);
        }
        expected.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        expected.write('\n');
      }
    }
    assertThat(actual.toByteArray()).isEqualTo(expected.toByteArray());
  }
}
