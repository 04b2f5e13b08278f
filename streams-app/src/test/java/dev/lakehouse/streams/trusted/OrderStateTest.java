package dev.lakehouse.streams.trusted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderStateTest {

  private static OrderState sample() {
    OrderState state = new OrderState();
    state.addEvent(
        new StatusEvent(
            "s-1",
            StatusEvent.OrderStatus.REGISTERED,
            OffsetDateTime.parse("2019-01-17T12:00:01.123456789Z")));
    state.addEvent(
        new StatusEvent(
            "s-2", StatusEvent.OrderStatus.PLACED, OffsetDateTime.parse("2019-01-17T12:00:02Z")));
    state.orderVersion = 3;
    state.orderHash = -42;
    state.itemsVersion = 2;
    state.itemsHash = Long.MAX_VALUE;
    state.statusVersion = 1;
    state.statusHash = 7;
    state.rejectedItemsHash = 11;
    state.itemsInputHash = Long.MIN_VALUE;
    state.itemCount = -1;
    state.qualityFlags = 17;
    return state;
  }

  private static void assertSameFields(OrderState read, OrderState written) {
    assertThat(read.events).isEqualTo(written.events);
    assertThat(
            new long[] {
              read.orderVersion,
              read.orderHash,
              read.itemsVersion,
              read.itemsHash,
              read.statusVersion,
              read.statusHash,
              read.rejectedItemsHash,
              read.itemsInputHash,
              read.itemCount,
              read.qualityFlags
            })
        .containsExactly(
            written.orderVersion,
            written.orderHash,
            written.itemsVersion,
            written.itemsHash,
            written.statusVersion,
            written.statusHash,
            written.rejectedItemsHash,
            written.itemsInputHash,
            written.itemCount,
            written.qualityFlags);
  }

  @Test
  void theStateRoundTripsWithoutCopies() {
    OrderState written = sample();
    OrderState read = OrderState.fromBytes(written.toBytes());
    assertSameFields(read, written);
    assertThat(OrderState.fromBytes(null).events).isEmpty();
  }

  @Test
  void copiesRoundTripAndAnUnknownFormatIsRefused() {
    OrderCopies copies = OrderCopies.fromBytes(null);
    copies.encoded.addAll(List.of(new byte[] {9}, new byte[1000]));
    OrderCopies read = OrderCopies.fromBytes(copies.toBytes());
    assertThat(read.encoded).hasSize(2);
    assertThat(read.encoded.get(0)).containsExactly(9);
    assertThat(OrderCopies.fromBytes(null).isEmpty()).isTrue();
    assertThatThrownBy(() -> OrderState.fromBytes(new byte[] {9}))
        .hasMessageContaining("unknown format 9");
    assertThatThrownBy(() -> OrderState.fromBytes(new byte[] {2}))
        .as("format 2 was never released")
        .hasMessageContaining("unknown format 2");
    assertThatThrownBy(() -> OrderCopies.fromBytes(new byte[] {7}))
        .hasMessageContaining("unknown format 7");
  }
}
