package dev.lakehouse.streams.iceberg;

import dev.lakehouse.common.lake.LakeMarks;
import java.util.Optional;

/**
 * Which application owns a table, decided with no I/O. Two applications with different ids writing
 * one lake would each run the raw stage over every source record, so every record would land twice:
 * a table names its owner in the property {@value #PROPERTY}, and an app with another id is refused
 * unless it is configured as the owner's successor ({@code streams.successor-of}).
 */
public final class TableOwnership {
  public static final String PROPERTY = LakeMarks.OWNER_APPLICATION_ID;

  /** What the app does with the table's property. */
  public enum Action {
    /** no owner yet: this app writes its id */
    CLAIM,
    /** this app owns it already */
    KEEP,
    /** the owner is the application this app succeeds: this app writes its id over it */
    TAKE_OVER
  }

  private TableOwnership() {}

  /**
   * @throws OwnershipRefusedException when another application owns the table and this app is not
   *     its successor
   */
  public static Action decide(
      String table, Optional<String> owner, String applicationId, Optional<String> successorOf) {
    if (owner.isEmpty()) {
      return Action.CLAIM;
    }
    if (owner.get().equals(applicationId)) {
      return Action.KEEP;
    }
    if (successorOf.isPresent() && successorOf.get().equals(owner.get())) {
      return Action.TAKE_OVER;
    }
    throw new OwnershipRefusedException(
        "table "
            + table
            + " is owned by application '"
            + owner.get()
            + "', and this is '"
            + applicationId
            + "'"
            + successorOf.map(s -> ", successor of '" + s + "'").orElse("")
            + ". Two applications writing one "
            + "lake would each land every record. Run with streams.application-id="
            + owner.get()
            + ", or stop '"
            + owner.get()
            + "' and start this one with streams.successor-of="
            + owner.get()
            + " (LAKEHOUSE_STREAMS_SUCCESSOR_OF, --successor-of). "
            + "See docs/exactly-once.md, \"Who owns the lake\".");
  }

  /** Another application owns the lake. */
  public static final class OwnershipRefusedException extends IllegalStateException {
    public OwnershipRefusedException(String message) {
      super(message);
    }
  }
}
