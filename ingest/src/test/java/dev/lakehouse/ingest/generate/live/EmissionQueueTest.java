package dev.lakehouse.ingest.generate.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Dataset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmissionQueueTest {
  @Test
  void takesTheEarliestFirstAndTiesInTheOrderAdded() {
    EmissionQueue queue = new EmissionQueue();
    assertThat(queue.nextDueMillis()).isEqualTo(Long.MAX_VALUE);
    queue.add(30, Dataset.ORDER_STATUS, "c", new byte[0]);
    queue.add(10, Dataset.ORDER, "a", new byte[0]);
    queue.add(30, Dataset.ORDER_STATUS, "d", new byte[0]);
    queue.add(10, Dataset.ORDER_STATUS, "b", new byte[0]);
    assertThat(queue.size()).isEqualTo(4);
    assertThat(queue.nextDueMillis()).isEqualTo(10);
    List<String> keys = new ArrayList<>();
    while (!queue.isEmpty()) {
      keys.add(queue.poll().key());
    }
    assertThat(keys).containsExactly("a", "b", "c", "d");
    assertThat(queue.poll()).isNull();
  }
}
