package dev.lakehouse.common.contract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The datasets this deployment knows: the contracts built into the project, with those of an
 * operator's directory added or put in their place (same domain and name). Pure: built from
 * contracts already read, with the file each came from, so that a conflict names both files.
 */
public final class Contracts {
  /** A contract and the file it was read from. */
  public record Declared(String file, DatasetContract contract) {}

  private final Map<String, Declared> byTopic;

  private Contracts(Map<String, Declared> byTopic) {
    this.byTopic = byTopic;
  }

  /**
   * The built-in contracts, then the directory's: a directory contract with a built-in's domain and
   * name replaces it. Two contracts of one origin with the same domain and name, or two datasets
   * whose files share a name stem, are refused with both files named.
   */
  public static Contracts of(List<Declared> builtIn, List<Declared> fromDirectory) {
    Map<String, Declared> byTopic = new LinkedHashMap<>();
    addAll(byTopic, builtIn);
    addAll(byTopic, fromDirectory);
    Map<String, Declared> byStem = new HashMap<>();
    for (Declared declared : byTopic.values()) {
      Declared other = byStem.putIfAbsent(declared.contract().fileStem(), declared);
      if (other != null) {
        throw new ContractException(
            declared.file()
                + ": source files named '"
                + declared.contract().fileStem()
                + "…' would belong to two datasets; "
                + other.file()
                + " declares the same file name");
      }
    }
    return new Contracts(byTopic);
  }

  private static void addAll(Map<String, Declared> byTopic, List<Declared> declared) {
    Map<String, Declared> seen = new HashMap<>();
    for (Declared d : declared) {
      String topic = d.contract().topic();
      Declared twin = seen.put(topic, d);
      if (twin != null) {
        throw new ContractException(
            d.file()
                + ": dataset "
                + d.contract().domain()
                + "."
                + d.contract().name()
                + " is declared in "
                + twin.file()
                + " too");
      }
      byTopic.put(topic, d); // a directory's contract takes a built-in one's place
    }
  }

  /** Every dataset, the built-in ones first, each in the order its files were read. */
  public List<DatasetContract> all() {
    return byTopic.values().stream().map(Declared::contract).toList();
  }

  /** The file each dataset's contract came from, by dataset, for messages. */
  public List<Declared> declared() {
    return new ArrayList<>(byTopic.values());
  }

  public Optional<DatasetContract> find(String domain, String name) {
    return Optional.ofNullable(
            byTopic.get(DatasetContract.SOURCE_TOPIC_PREFIX + domain + "." + name))
        .map(Declared::contract);
  }

  /**
   * The dataset a source file belongs to, from its name: the part before the first dot, dash or
   * underscore ({@code order-2019-01-17.json.gz}, {@code status_part-0001.json}), in any case,
   * matched to a contract's file stem.
   */
  public Optional<DatasetContract> forFileName(String fileName) {
    String base = fileName.substring(fileName.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    String stem = base.split("[.\\-_]", 2)[0];
    return all().stream().filter(c -> c.fileStem().equals(stem)).findFirst();
  }
}
