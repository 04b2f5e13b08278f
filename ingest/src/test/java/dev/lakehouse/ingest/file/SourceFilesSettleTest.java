package dev.lakehouse.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.settings.ContractSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files are picked up, and only once they are complete. */
class SourceFilesSettleTest {
  private static final SourceFileNames BUILT_IN =
      new SourceFileNames(ContractSettings.builtIn().contracts());
  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

  /** A clock the test moves by hand. */
  private static final class HandClock extends Clock {
    Instant now = NOW;

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void onlyWhitelistedExtensionsOfTheDatasetsFormatArePickedUp() {
    for (String name :
        List.of(
            "order.json",
            "order.jsonl",
            "order.ndjson",
            "order.json.gz",
            "ORDER-2026.JSONL.GZ",
            "status_1.ndjson.gz",
            "consumer.csv",
            "consumer.csv.gz",
            "restaurant-x.csv",
            "sub/dir/order.json")) {
      assertThat(BUILT_IN.dataset(name)).as(name).isPresent();
    }
    for (String name :
        List.of(
            "order.json.tmp",
            "order.json.part",
            "order.json.gz.part",
            ".order.json",
            "dir/.hidden/order.json",
            ".staging/consumer.csv",
            "order.txt",
            "order.json~",
            "order",
            "consumer.json",
            "order.csv",
            "_manifest.json",
            "order.json.zip",
            "orders.csv.bak")) {
      assertThat(BUILT_IN.dataset(name)).as(name).isEmpty();
    }
    assertThat(BUILT_IN.dataset("consumer.csv.gz")).contains(Dataset.CONSUMER.contract());
  }

  @Test
  void aFileChangedWithinTheSettleWindowIsHeldBackUntilItSettles(@TempDir Path dir)
      throws Exception {
    HandClock clock = new HandClock();
    LocalDirectorySource source =
        new LocalDirectorySource(dir, Duration.ofSeconds(2), clock, BUILT_IN);
    Path old = Files.writeString(dir.resolve("order.json"), "{\"order_id\":\"a\"}\n");
    Files.setLastModifiedTime(old, FileTime.from(NOW.minusSeconds(60)));
    Path copying = Files.writeString(dir.resolve("status.json"), "{\"order_id\":\"a\"}\n");
    Files.setLastModifiedTime(copying, FileTime.from(NOW.minusMillis(500)));
    Files.writeString(dir.resolve("status.json.part"), "x");
    Files.writeString(dir.resolve(".status.json"), "x");

    assertThat(names(source.list())).containsExactly("order.json");
    assertThat(source.heldBack()).contains(Duration.ofMillis(1500));

    // more bytes land: the window starts again from the new modification time
    clock.now = NOW.plusSeconds(1);
    Files.writeString(copying, "{\"order_id\":\"a\"}\n{\"order_id\":\"b\"}\n");
    Files.setLastModifiedTime(copying, FileTime.from(NOW.plusSeconds(1)));
    assertThat(names(source.list())).containsExactly("order.json");
    assertThat(source.heldBack()).contains(Duration.ofSeconds(2));

    clock.now = NOW.plusMillis(2999);
    assertThat(names(source.list())).containsExactly("order.json");
    clock.now = NOW.plusSeconds(3);
    assertThat(names(source.list())).containsExactly("order.json", "status.json");
    assertThat(source.heldBack()).isEmpty();
  }

  @Test
  void aFileWithAModificationTimeInTheFutureSettlesByWhatTheListingsSee(@TempDir Path dir)
      throws Exception {
    HandClock clock = new HandClock();
    LocalDirectorySource source =
        new LocalDirectorySource(dir, Duration.ofSeconds(2), clock, BUILT_IN);
    Path skewed = Files.writeString(dir.resolve("order.json"), "{\"order_id\":\"a\"}\n");
    Files.setLastModifiedTime(skewed, FileTime.from(NOW.plusSeconds(3600)));
    assertThat(source.list()).isEmpty();
    clock.now = NOW.plusSeconds(2);
    assertThat(names(source.list()))
        .as("unchanged for 2 s of listings")
        .containsExactly("order.json");
  }

  @Test
  void aZeroSettleReadsAtOnce(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("order.json"), "{\"order_id\":\"a\"}\n");
    LocalDirectorySource source =
        new LocalDirectorySource(dir, Duration.ZERO, new HandClock(), BUILT_IN);
    Files.setLastModifiedTime(dir.resolve("order.json"), FileTime.from(NOW));
    assertThat(source.list()).hasSize(1);
    assertThat(source.heldBack()).isEqualTo(Optional.empty());
  }

  @Test
  void theSettleWindowIsValidated() {
    assertThatThrownBy(
            () ->
                new IngestOptions(
                    "dir",
                    "files",
                    false,
                    Duration.ofSeconds(1),
                    1,
                    1,
                    1,
                    RecordLimits.DEFAULTS,
                    Duration.ofSeconds(-1)))
        .hasMessage("--settle must be between 0 and 3600 seconds, was -1.0");
    assertThat(new IngestOptions("dir", "files", false, Duration.ofSeconds(1), 1, 1, 1).settle())
        .isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void theSettleSecondsOfTheCommandLineBecomeAWindowToTheMillisecond() {
    assertThat(IngestOptions.settleOfSeconds(1.5)).isEqualTo(Duration.ofMillis(1_500));
    assertThat(IngestOptions.settleOfSeconds(0)).isEqualTo(Duration.ZERO);
    assertThat(IngestOptions.settleOfSeconds(3600)).isEqualTo(Duration.ofHours(1));
    assertThatThrownBy(() -> IngestOptions.settleOfSeconds(-0.0001))
        .hasMessage("--settle must be between 0 and 3600 seconds, was -1.0E-4");
  }

  private static List<String> names(List<SourceFile> files) {
    return files.stream()
        .map(f -> Path.of(java.net.URI.create(f.uri())).getFileName().toString())
        .toList();
  }
}
