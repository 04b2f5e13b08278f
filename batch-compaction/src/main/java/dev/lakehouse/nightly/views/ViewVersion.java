package dev.lakehouse.nightly.views;

import java.util.List;
import java.util.Map;

/**
 * What a view holds, as far as the views step compares it: its SQL per dialect and its columns
 * ({@code name type}, ids and nullability aside, since each engine derives those its own way).
 */
public record ViewVersion(Map<String, String> queries, List<String> columns) {
  public ViewVersion {
    queries = Map.copyOf(queries);
    columns = List.copyOf(columns);
  }

  /**
   * What to do to make {@code held} (absent when there is no such view) hold {@code wanted}: create
   * it, replace it (with the reason), or leave it.
   */
  static ViewChange decide(String view, java.util.Optional<ViewVersion> held, ViewVersion wanted) {
    if (held.isEmpty()) {
      return new ViewChange(view, ViewChange.Action.CREATED, "no such view");
    }
    ViewVersion current = held.get();
    if (!current.columns.equals(wanted.columns)) {
      return new ViewChange(
          view,
          ViewChange.Action.REPLACED,
          "columns changed: " + current.columns.size() + " -> " + wanted.columns.size());
    }
    if (!current.queries.equals(wanted.queries)) {
      List<String> dialects =
          wanted.queries.keySet().stream()
              .filter(d -> !wanted.queries.get(d).equals(current.queries.get(d)))
              .sorted()
              .toList();
      return new ViewChange(
          view,
          ViewChange.Action.REPLACED,
          dialects.isEmpty()
              ? "a dialect it holds is no longer written"
              : "its " + String.join(" and ", dialects) + " SQL changed");
    }
    return new ViewChange(view, ViewChange.Action.UNCHANGED, "as wanted");
  }
}
