package dev.lakehouse.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Dataset;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A resume skips the records a run counted and must land where that run stopped, whatever the
 * limits now.
 */
class FileResumeTest {
  private static final byte[] CSV =
      ("id,created_at,enabled,name\n"
              + "r-1,,true,\"three\nline\ncell\"\n"
              + "r-2,,true,x\n"
              + "r-3,,true,y\n")
          .getBytes(StandardCharsets.UTF_8);
  private static final RecordLimits ONE_LINE = new RecordLimits(1024, 64, 64, 1, 8);

  @Test
  void theOffsetAfterTheRecordsReadIsRecordedAndAResumeUnderTheSameLimitsLandsThere()
      throws IOException {
    RecordReader first = reader(RecordLimits.DEFAULTS);
    first.next();
    long afterOne = first.nextRecordOffset();
    assertThat(afterOne)
        .as("after the three lines of r-1")
        .isEqualTo(new String(CSV, StandardCharsets.UTF_8).indexOf("r-2"));
    FileProgress progress = progress(1, afterOne);
    RecordReader again = reader(RecordLimits.DEFAULTS);
    assertThat(FileResume.skip(again, progress)).isEmpty();
    assertThat(again.next().line()).isEqualTo(5);
  }

  @Test
  void aResumeUnderLimitsThatSplitTheFileDifferentlyIsRefused() throws IOException {
    // one record under the defaults is one unterminated-quote dead letter and two more records at
    // one line per record
    FileProgress progress = progress(1, new String(CSV, StandardCharsets.UTF_8).indexOf("r-2"));
    Optional<String> refused = FileResume.skip(reader(ONE_LINE), progress);
    assertThat(refused)
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .startsWith(
                        "not resumed: skipping the 1 records run run-1 read ends at byte 44, not at byte 55 where that run stopped")
                    .endsWith("resume with that run's --max-record-bytes and --max-csv-lines"));
  }

  @Test
  void progressWithoutAnOffsetResumesByCountAsBefore() throws IOException {
    byte[] old =
        "{\"uri\":\"file:/x.csv\",\"fingerprint\":\"1-2\",\"recordsRead\":1,\"published\":1,\"deadLettered\":0,\"state\":\"IN_PROGRESS\",\"runId\":\"run-1\"}"
            .getBytes(StandardCharsets.UTF_8);
    FileProgress progress = FileProgress.fromJson(old);
    assertThat(progress.nextOffset()).isNull();
    RecordReader reader = reader(ONE_LINE);
    assertThat(FileResume.skip(reader, progress)).isEmpty();
    assertThat(reader.next().line()).isEqualTo(3);
    assertThat(FileProgress.fromJson(progress.advance(1, 1, 0, "run-2", 60).toJson()).nextOffset())
        .isEqualTo(60L);
  }

  private static FileProgress progress(long read, long offset) {
    return new FileProgress(
        "file:/x.csv", "1-2", read, read, 0, FileProgress.State.IN_PROGRESS, "run-1", offset);
  }

  private static RecordReader reader(RecordLimits limits) throws IOException {
    return RecordReaders.open(new ByteArrayInputStream(CSV), Dataset.RESTAURANT.contract(), limits);
  }
}
