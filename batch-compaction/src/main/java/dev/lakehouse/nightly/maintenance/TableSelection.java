package dev.lakehouse.nightly.maintenance;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which tables a run takes, decided with no I/O: every table of the catalog when no selector is
 * given, else those a selector names, where {@code raw} takes every table of namespace {@code raw}
 * and {@code trusted.order} that one table. A selector that matches nothing is an error, so a typo
 * never passes for a run that did its work.
 */
public final class TableSelection {
  private TableSelection() {}

  /**
   * @param catalogTables every table of the catalog as {@code namespace.table}
   * @param selectors the {@code --tables} values; empty takes all
   * @return the selected tables, sorted
   */
  public static List<String> select(List<String> catalogTables, List<String> selectors) {
    List<String> sorted = new ArrayList<>(catalogTables);
    sorted.sort(null);
    if (selectors.isEmpty()) {
      return sorted;
    }
    Set<String> selected = new LinkedHashSet<>();
    List<String> unmatched = new ArrayList<>();
    for (String selector : selectors) {
      List<String> matches =
          sorted.stream().filter(t -> t.equals(selector) || t.startsWith(selector + ".")).toList();
      if (matches.isEmpty()) {
        unmatched.add(selector);
      }
      selected.addAll(matches);
    }
    if (!unmatched.isEmpty()) {
      throw new IllegalArgumentException(
          "no table matches " + unmatched + "; the catalog holds " + sorted);
    }
    List<String> result = new ArrayList<>(selected);
    result.sort(null);
    return result;
  }
}
