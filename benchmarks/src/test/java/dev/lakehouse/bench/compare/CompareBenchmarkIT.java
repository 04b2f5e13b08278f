package dev.lakehouse.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparison harness end to end on a small dataset: the limit, our app and the Iceberg Kafka
 * Connect sink (on a real Connect worker with the assembled plugin folder) all land every record of
 * the backlog, and the Connect sink's and our tables hold exactly the records produced, in the
 * throughput and the freshness runs. The default-interval Connect run is left out: it waits five
 * minutes for its first commit, which says nothing a test needs.
 */
class CompareBenchmarkIT {

  @Test
  void everyRunnerLandsEveryRecordOnce(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("result");
    int exit =
        CompareBenchmark.run(
            new String[] {
              "--orders",
              "2000",
              "--runs",
              "1",
              "--live-seconds",
              "5",
              "--live-rate",
              "100",
              "--runners",
              "limit,ours,connect-5s",
              "--work",
              dir.resolve("work").toString(),
              "--out",
              out.toString()
            });
    assertThat(exit).isZero();

    JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
    assertThat(result.get("runners"))
        .extracting(r -> r.get("runner").asText())
        .containsExactly("limit", "ours", "connect-5s");
    for (JsonNode runner : result.get("runners")) {
      String name = runner.get("runner").asText();
      JsonNode run = runner.get("runs").get(0);
      assertThat(run.get("records").asLong()).as(name).isGreaterThan(10_000);
      assertThat(run.get("dataFiles").asLong()).as(name).isPositive();
      assertThat(run.get("peakHeapBytes").asLong()).as(name).isPositive();
      assertThat(run.get("peakRssBytes").asLong()).as(name).isPositive();
      if (!name.equals("limit")) {
        assertThat(run.get("landedRows").asLong())
            .as(name + " rows")
            .isEqualTo(run.get("records").asLong());
        assertThat(run.get("snapshots").asLong()).isPositive();
        JsonNode fresh = runner.get("freshnessRuns").get(0);
        assertThat(fresh.get("liveRecords").asLong()).as(name).isPositive();
        assertThat(fresh.get("landedRows").asLong())
            .as(name + " live rows")
            .isEqualTo(fresh.get("liveRecords").asLong());
        assertThat(fresh.get("freshnessMillis").get("records").asLong())
            .isEqualTo(fresh.get("liveRecords").asLong());
      }
    }
    assertThat(result.get("ratios").get("recordsPerSecond ours/connect-5s").asDouble())
        .isPositive();
    assertThat(Files.readString(out.resolve("result.md"))).contains("| connect-5s |");
    assertThat(out.resolve("throughput.svg")).exists();
    assertThat(out.resolve("freshness.svg")).exists();
  }
}
