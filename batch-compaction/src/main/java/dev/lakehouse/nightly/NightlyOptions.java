package dev.lakehouse.nightly;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Command line of the nightly job: {@code --config FILE --tables ns.a,ns.b [--report FILE]
 * [--master local[2]]}. Validated up front with messages that say what to pass.
 */
record NightlyOptions(Path config, List<String> tables, Optional<Path> report, String master) {
  static final String USAGE =
      "usage: NightlyJob --config <lakehouse.properties> --tables <namespace.table>[,...] [--report <file.json>] [--master local[2]]";

  static NightlyOptions parse(String... args) {
    Path config = null;
    List<String> tables = new ArrayList<>();
    Path report = null;
    String master = "local[2]";
    for (Map.Entry<String, String> option : OptionPairs.of(args, USAGE)) {
      String name = option.getKey();
      String value = option.getValue();
      switch (name) {
        case "--config" -> config = Path.of(value);
        case "--tables" ->
            Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .forEach(tables::add);
        case "--report" -> report = Path.of(value);
        case "--master" -> master = value;
        default -> throw new IllegalArgumentException("unknown option " + name + "; " + USAGE);
      }
    }
    if (config == null) {
      throw new IllegalArgumentException("--config is required; " + USAGE);
    }
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("--tables is required; " + USAGE);
    }
    for (String table : tables) {
      if (!table.matches("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("table '" + table + "' must be <namespace>.<table>");
      }
    }
    return new NightlyOptions(config, List.copyOf(tables), Optional.ofNullable(report), master);
  }
}
