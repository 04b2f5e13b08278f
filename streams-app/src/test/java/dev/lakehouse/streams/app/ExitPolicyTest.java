package dev.lakehouse.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class ExitPolicyTest {
  private static final RuntimeException WRITER = new IllegalStateException("S3 unreachable");
  private static final RuntimeException TOPOLOGY =
      new IllegalStateException("missing source topic");

  @Test
  void onlyAStartingRebalancingOrRunningTopologyIsAlive() {
    List<State> alive =
        Arrays.stream(State.values()).filter(s -> !ExitPolicy.topologyDead(s)).toList();
    assertThat(alive).containsExactlyInAnyOrder(State.CREATED, State.REBALANCING, State.RUNNING);
    assertThat(ExitPolicy.topologyDead(State.PENDING_ERROR))
        .as("dead as soon as a thread failed, before ERROR")
        .isTrue();
  }

  @Test
  void aHealthyAppHasNoFailure() {
    for (State state : List.of(State.CREATED, State.REBALANCING, State.RUNNING)) {
      assertThat(ExitPolicy.failure(state, null, null, true)).isNull();
    }
  }

  @Test
  void theFailureSaysWhichHalfFailedTheWriterFirst() {
    assertThat(ExitPolicy.failure(State.ERROR, TOPOLOGY, WRITER, false))
        .isEqualTo("the Iceberg writer failed: java.lang.IllegalStateException");
    assertThat(ExitPolicy.failure(State.RUNNING, null, null, false))
        .isEqualTo("the Iceberg writer stopped");
    assertThat(ExitPolicy.failure(State.PENDING_ERROR, TOPOLOGY, null, true))
        .isEqualTo("the Kafka Streams topology failed: java.lang.IllegalStateException");
    assertThat(ExitPolicy.failure(State.ERROR, null, null, true))
        .isEqualTo("the Kafka Streams topology is ERROR");
    assertThat(ExitPolicy.failure(State.NOT_RUNNING, null, null, true))
        .as("stopped without being asked")
        .isEqualTo("the Kafka Streams topology is NOT_RUNNING");
    assertThat(ExitPolicy.failure(State.RUNNING, TOPOLOGY, null, true))
        .as("the handler ran, the state is not updated yet")
        .startsWith("the Kafka Streams topology failed");
  }

  @Test
  void aFailureExitsOneASignalOneHundredFortyThree() {
    assertThat(ExitPolicy.exitCode("the Iceberg writer stopped", false)).isEqualTo(1);
    assertThat(ExitPolicy.exitCode("the Iceberg writer stopped", true))
        .as("a failure wins over the signal")
        .isEqualTo(1);
    assertThat(ExitPolicy.exitCode(null, true)).isEqualTo(143).isEqualTo(ExitPolicy.TERMINATED);
    assertThat(ExitPolicy.BAD_SETTINGS).isEqualTo(2);
  }

  @Test
  void aFailedProcessIsHaltedAfterItsCloseHadItsTime() {
    assertThat(ExitPolicy.FAILED_HALT).isGreaterThan(ExitPolicy.FAILED_CLOSE.multipliedBy(2));
    assertThat(ExitPolicy.TERMINATE_CLOSE.multipliedBy(2).toSeconds())
        .as("within Kubernetes' default grace period")
        .isLessThanOrEqualTo(30);
  }
}
