package dev.lakehouse.nightly;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a command line made of {@code --name value} pairs; a name without its value is refused with
 * the usage.
 */
final class OptionPairs {
  private OptionPairs() {}

  static List<Map.Entry<String, String>> of(String[] args, String usage) {
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value; " + usage);
      }
      pairs.add(Map.entry(args[i], args[i + 1]));
    }
    return pairs;
  }
}
