package dev.lakehouse.streams.trusted;

import java.util.List;

/**
 * Where the trusted stage finds again an order whose state it dropped after {@code
 * trusted.state-retention}: its inputs as the stage had them (the order's copies and status events,
 * encoded raw rows with their lineage) and the last version it emitted to each trusted table. The
 * lake holds all of it ({@link IcebergOrderArchive}); tests use maps.
 */
public interface OrderArchive {

  /** No lake: for a stage that keeps every order ({@code trusted.state-retention} 0). */
  OrderArchive NONE = orderId -> Archived.none();

  /** The order's inputs and versions; {@link Archived#isEmpty} when the lake has none of them. */
  Archived find(String orderId);

  /**
   * An order as the lake holds it.
   *
   * @param copies the order's copies from {@code raw.order}, encoded as on {@code raw.rows.order}
   * @param statuses its status events from {@code raw.order_status}, encoded as on {@code
   *     raw.rows.order_status}
   * @param orderVersion the highest {@code _version} of its {@code trusted.order} rows (0: none)
   * @param itemsVersion the highest of its item and garnish rows
   * @param statusVersion the highest of its {@code trusted.order_status} rows
   */
  record Archived(
      List<byte[]> copies,
      List<byte[]> statuses,
      long orderVersion,
      long itemsVersion,
      long statusVersion) {

    public Archived {
      copies = List.copyOf(copies);
      statuses = List.copyOf(statuses);
    }

    public static Archived none() {
      return new Archived(List.of(), List.of(), 0, 0, 0);
    }

    public boolean isEmpty() {
      return copies.isEmpty() && statuses.isEmpty();
    }

    /** Whether the trusted stage ever emitted a row of the order. */
    public boolean emitted() {
      return orderVersion > 0 || itemsVersion > 0 || statusVersion > 0;
    }
  }
}
