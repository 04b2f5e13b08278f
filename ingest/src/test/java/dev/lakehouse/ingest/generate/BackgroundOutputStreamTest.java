package dev.lakehouse.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackgroundOutputStreamTest {
  @Test
  void passesEveryByteInOrderAndClosesTheTarget() throws IOException {
    boolean[] closed = {false};
    ByteArrayOutputStream target =
        new ByteArrayOutputStream() {
          @Override
          public void close() {
            closed[0] = true;
          }
        };
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    SplittableRandom random = new SplittableRandom(1);
    try (OutputStream out = new BackgroundOutputStream(target, "test")) {
      for (int i = 0; i < 200; i++) {
        byte[] chunk = new byte[random.nextInt(100_000)];
        random.nextBytes(chunk);
        out.write(chunk, 0, chunk.length);
        expected.write(chunk);
      }
    }
    assertThat(target.toByteArray()).isEqualTo(expected.toByteArray());
    assertThat(closed[0]).isTrue();
  }

  @Test
  void reportsAFailingTarget() {
    OutputStream failing =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("disk full");
          }
        };
    assertThatThrownBy(
            () -> {
              try (OutputStream out = new BackgroundOutputStream(failing, "test")) {
                for (int i = 0; i < 100; i++) {
                  out.write(new byte[1000], 0, 1000);
                }
              }
            })
        .isInstanceOf(IOException.class)
        .hasMessageContaining("disk full");
  }
}
