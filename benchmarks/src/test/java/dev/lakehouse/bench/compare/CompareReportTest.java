package dev.lakehouse.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class CompareReportTest {

  private static RunResult run(String runner, int run, double seconds, long landed) {
    return new RunResult(
        runner,
        run,
        1_000_000,
        seconds,
        600_000_000,
        10,
        40,
        400_000_000,
        500L << 20,
        800L << 20,
        landed);
  }

  private static FreshnessResult fresh(String runner, int run, long[] freshness, long landed) {
    return new FreshnessResult(runner, run, 30_000, landed, 12, 48, freshness);
  }

  private static long[] freshness(long from, long to) {
    return LongStream.rangeClosed(from, to).toArray();
  }

  private CompareReport report(boolean connectDoubledARow) {
    CompareOptions options =
        CompareOptions.parse(
            new String[] {"--runs", "3", "--runners", "limit,ours,connect-default"});
    List<RunResult> results = new ArrayList<>();
    List<FreshnessResult> freshness = new ArrayList<>();
    for (int r = 1; r <= 3; r++) {
      results.add(
          new RunResult(
              "limit",
              r,
              1_000_000,
              10 + r,
              600_000_000,
              0,
              4,
              300_000_000,
              400L << 20,
              700L << 20,
              -1));
      results.add(run("ours", r, 20 + r, 1_000_000));
      results.add(
          run("connect-default", r, 100 + r, connectDoubledARow && r == 2 ? 1_000_001 : 1_000_000));
      freshness.add(fresh("ours", r, freshness(1_000, 6_000), 30_000));
      freshness.add(
          fresh(
              "connect-default",
              r,
              freshness(1_000, 300_000),
              connectDoubledARow && r == 3 ? 29_999 : 30_000));
    }
    return new CompareReport(options, options.createRunners(), results, freshness);
  }

  @Test
  void mediansRatiosAndEveryRun() {
    String md = report(false).markdown();
    // medians: limit 12 s, ours 22 s, Connect 102 s for a million records
    assertThat(md).contains("| limit | 83,333 | 76,923 – 90,909 |");
    assertThat(md).contains("| ours | 45,455 | 43,478 – 47,619 |");
    assertThat(md).contains("| 0.55 |"); // ours / limit
    assertThat(md).contains("**4.64×**"); // ours / Connect
    assertThat(md).contains("freshness p99, ours / connect-default: 0.020");
    assertThat(md)
        .contains("- ours 3: ")
        .contains("- connect-default freshness 3: ")
        .doesNotContain("**connect-default");
  }

  @Test
  void aRunWhoseTablesHoldTheWrongNumberOfRowsIsCalledOut() {
    assertThat(report(true).markdown())
        .contains(
            "**connect-default run 2: its tables hold 1,000,001 rows for 1,000,000 source records**")
        .contains(
            "**connect-default freshness run 3: its tables hold 29,999 rows for 30,000 live records**")
        .doesNotContain("**ours");
  }

  @Test
  void writesJsonAndTwoWellFormedCharts(@TempDir Path dir) throws Exception {
    report(false).writeTo(dir);
    JsonNode json = new ObjectMapper().readTree(dir.resolve("result.json").toFile());
    assertThat(json.get("runners")).hasSize(3);
    assertThat(json.get("runners").get(1).get("runs")).hasSize(3);
    assertThat(json.get("runners").get(1).get("freshnessRuns")).hasSize(3);
    assertThat(json.get("runners").get(2).get("freshnessSeconds").get("p99").asDouble())
        .isBetween(296.0, 298.0);
    assertThat(json.get("ratios").get("recordsPerSecond ours/connect-default").asDouble())
        .isBetween(4.63, 4.65);
    for (String chart : List.of("throughput.svg", "freshness.svg")) {
      Document svg =
          DocumentBuilderFactory.newInstance()
              .newDocumentBuilder()
              .parse(
                  new ByteArrayInputStream(
                      Files.readString(dir.resolve(chart)).getBytes(StandardCharsets.UTF_8)));
      assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
    }
    Document freshness =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(dir.resolve("freshness.svg").toFile());
    assertThat(freshness.getElementsByTagName("polyline").getLength())
        .isEqualTo(2); // the limit commits nothing
    Document throughput =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(dir.resolve("throughput.svg").toFile());
    assertThat(throughput.getElementsByTagName("circle").getLength()).isEqualTo(9); // every run
  }
}
