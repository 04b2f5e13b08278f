package dev.lakehouse.nightly;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Command line of {@link SqlQueries}: {@code --config FILE --out DIR --query NAME=SQL [--query
 * NAME=SQL ...] [--master local[2]]}. Validated up front with messages that say what to pass.
 */
record SqlQueryOptions(
    Path config, Path out, Map<String, String> queries, String master, int repeat) {
  static final String USAGE =
      "usage: SqlQueries --config <lakehouse.properties> --out <directory> --query <name>=<sql> [--query ...] [--master local[2]] [--repeat N]";

  static SqlQueryOptions parse(String... args) {
    Path config = null;
    Path out = null;
    Map<String, String> queries = new LinkedHashMap<>();
    String master = "local[2]";
    int repeat = 1;
    for (Map.Entry<String, String> option : OptionPairs.of(args, USAGE)) {
      String name = option.getKey();
      String value = option.getValue();
      switch (name) {
        case "--config" -> config = Path.of(value);
        case "--out" -> out = Path.of(value);
        case "--master" -> master = value;
        case "--repeat" -> {
          try {
            repeat = Integer.parseInt(value);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--repeat takes a number, got '" + value + "'");
          }
          if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1, got " + repeat);
          }
        }
        case "--query" -> {
          int equals = value.indexOf('=');
          String queryName = equals < 0 ? "" : value.substring(0, equals).trim();
          if (!queryName.matches("[A-Za-z0-9_-]+") || value.substring(equals + 1).isBlank()) {
            throw new IllegalArgumentException(
                "--query takes <name>=<sql> with a name of letters, digits, _ or -, got '"
                    + value
                    + "'");
          }
          if (queries.put(queryName, value.substring(equals + 1)) != null) {
            throw new IllegalArgumentException("two queries are named '" + queryName + "'");
          }
        }
        default -> throw new IllegalArgumentException("unknown option " + name + "; " + USAGE);
      }
    }
    if (config == null) {
      throw new IllegalArgumentException("--config is required; " + USAGE);
    }
    if (out == null) {
      throw new IllegalArgumentException("--out is required; " + USAGE);
    }
    if (queries.isEmpty()) {
      throw new IllegalArgumentException("at least one --query is required; " + USAGE);
    }
    return new SqlQueryOptions(
        config, out, java.util.Collections.unmodifiableMap(queries), master, repeat);
  }
}
