package dev.lakehouse.common.contract;

/** A source field: its name as the source spells it, and whether it is personal data. */
public record Field(String name, boolean personal) {
  static Field plain(String name) {
    return new Field(name, false);
  }

  static Field personal(String name) {
    return new Field(name, true);
  }
}
