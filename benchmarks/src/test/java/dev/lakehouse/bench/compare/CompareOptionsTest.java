package dev.lakehouse.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CompareOptionsTest {

  @Test
  void defaultsCompareAllFourRunnersThreeTimesOnFiveMillionRecords() {
    CompareOptions options = CompareOptions.parse(new String[0]);
    assertThat(options.orders()).isEqualTo(1_000_000); // about 5.24 million source records
    assertThat(options.runs()).isEqualTo(3);
    assertThat(options.createRunners())
        .extracting(Runner::name)
        .containsExactly("limit", "ours", "connect-default", "connect-5s");
  }

  @Test
  void theConnectRunnersDifferOnlyInTheirCommitInterval() {
    CompareOptions options =
        CompareOptions.parse(
            new String[] {"--runners", "connect-5s,connect-default", "--connect-tasks", "2"});
    assertThat(options.createRunners())
        .extracting(Runner::description)
        .containsExactly(
            "Iceberg Kafka Connect sink "
                + org.apache.iceberg.IcebergBuild.version().split(" ")[0]
                + ", 5000 ms commits, tasks.max=2",
            "Iceberg Kafka Connect sink "
                + org.apache.iceberg.IcebergBuild.version().split(" ")[0]
                + ", default commit interval (5 min), tasks.max=2");
  }

  @Test
  void rejectsWhatItCannotRun() {
    assertThatThrownBy(() -> CompareOptions.parse(new String[] {"--runners", "limit,spark"}))
        .hasMessageContaining("unknown runner spark");
    assertThatThrownBy(() -> CompareOptions.parse(new String[] {"--runs", "0"}))
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> CompareOptions.parse(new String[] {"--orders"}))
        .hasMessageContaining("needs a value");
    assertThatThrownBy(() -> CompareOptions.parse(new String[] {"--speed", "1"}))
        .hasMessageContaining("unknown option --speed");
  }
}
