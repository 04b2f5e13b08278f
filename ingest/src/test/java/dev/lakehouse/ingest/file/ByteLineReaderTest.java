package dev.lakehouse.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The line limit is on a line's content: its line end, LF or CRLF, does not count. */
class ByteLineReaderTest {
  private static final RecordLimits LIMITS = new RecordLimits(1024, 64, 16, 16, 8);

  @Test
  void aLineOfExactlyTheLimitFitsWithAnyLineEnd() throws IOException {
    String full = "a".repeat(1024);
    for (String end : List.of("\n", "\r\n", "")) {
      byte[] file = (full + end + "next\r\n").getBytes(StandardCharsets.US_ASCII);
      for (boolean byteByByte : List.of(false, true)) {
        List<ByteLineReader.Line> lines = read(file, byteByByte);
        ByteLineReader.Line first = lines.get(0);
        if (end.isEmpty()) {
          assertThat(first.tooLarge()).as("no line end: 1028 bytes of content").isTrue();
          continue;
        }
        assertThat(first.tooLarge())
            .as(
                "line end %s, one byte at a time %s",
                end.replace("\r", "CR").replace("\n", "LF"), byteByByte)
            .isFalse();
        assertThat(first.bytes()).hasSize(1024);
        assertThat(first.length()).isEqualTo(1024);
        assertThat(new String(lines.get(1).bytes(), StandardCharsets.US_ASCII)).isEqualTo("next");
        assertThat(lines.get(1).offset()).isEqualTo(1024 + end.length());
      }
    }
  }

  @Test
  void aLineOneByteOverTheLimitIsTooLargeWhateverItsLineEnd() throws IOException {
    for (String tail : List.of("b\r\n", "b\n", "\rb\n", "\r\rx\n", "\r\r\n")) {
      byte[] file = ("a".repeat(1024) + tail + "next\n").getBytes(StandardCharsets.US_ASCII);
      long content = 1024 + tail.length() - (tail.endsWith("\r\n") ? 2 : 1);
      for (boolean byteByByte : List.of(false, true)) {
        List<ByteLineReader.Line> lines = read(file, byteByByte);
        assertThat(lines.get(0).tooLarge()).isTrue();
        assertThat(lines.get(0).length())
            .as("content of %s", tail.replace("\r", "CR").replace("\n", "LF"))
            .isEqualTo(content);
        byte[] whole = java.util.Arrays.copyOf(file, (int) content);
        assertThat(lines.get(0).sha256()).isEqualTo(ByteLineReader.sha256().digest(whole));
        assertThat(new String(lines.get(1).bytes(), StandardCharsets.US_ASCII)).isEqualTo("next");
      }
    }
  }

  private static List<ByteLineReader.Line> read(byte[] file, boolean byteByByte)
      throws IOException {
    InputStream in = new ByteArrayInputStream(file);
    if (byteByByte) {
      InputStream whole = in;
      in =
          new InputStream() {
            @Override
            public int read() throws IOException {
              return whole.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
              return whole.read(b, off, Math.min(1, len));
            }
          };
    }
    ByteLineReader reader = new ByteLineReader(in, LIMITS);
    List<ByteLineReader.Line> lines = new ArrayList<>();
    ByteLineReader.Line line;
    while ((line = reader.next()) != null) {
      lines.add(line);
    }
    return lines;
  }
}
