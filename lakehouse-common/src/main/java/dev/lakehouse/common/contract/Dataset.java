package dev.lakehouse.common.contract;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The food-delivery source datasets, each read from its built-in contract file ({@code
 * contracts/food/<name>.yaml}; docs/contracts.md): file name, format, fields in source order, the
 * natural key that keys their Kafka records, and the topic they are published to. The trusted stage
 * and the generator name them; everything else about them is in {@link #contract()}.
 */
public enum Dataset {
  ORDER("food", "order"),
  ORDER_STATUS("food", "order_status"),
  CONSUMER("food", "consumer"),
  RESTAURANT("food", "restaurant");

  private final DatasetContract contract;

  Dataset(String domain, String name) {
    this.contract =
        BuiltInContracts.CONTRACTS
            .find(domain, name)
            .orElseThrow(
                () ->
                    new ContractException(
                        "no built-in contract file for "
                            + domain
                            + "."
                            + name
                            + " under "
                            + ContractFiles.FOLDER
                            + "/ on the classpath"));
  }

  /** Its contract: types, rules and raw-table layout as well. */
  public DatasetContract contract() {
    return contract;
  }

  public String domain() {
    return contract.domain();
  }

  /** The dataset's name in topics and tables, e.g. {@code order_status}. */
  public String datasetName() {
    return contract.name();
  }

  public SourceFormat format() {
    return contract.format();
  }

  public String keyField() {
    return contract.key();
  }

  public List<FieldContract> fields() {
    return contract.fields();
  }

  public List<String> fieldNames() {
    return contract.fieldNames();
  }

  /** The Kafka topic its records are published to, e.g. {@code src.food.order}. */
  public String topic() {
    return contract.topic();
  }

  /** The file name the source lands, e.g. {@code order.json.gz}. */
  public String fileName() {
    return contract.fileStem() + (format() == SourceFormat.CSV ? ".csv.gz" : ".json.gz");
  }

  /**
   * The dataset a source file belongs to, from its name: the part before the first dot, or before a
   * date/part suffix ({@code order-2019-01-17.json.gz}, {@code status_part-0001.json}).
   */
  public static Optional<Dataset> forFileName(String fileName) {
    return BuiltInContracts.CONTRACTS
        .forFileName(fileName)
        .flatMap(
            contract ->
                Arrays.stream(values()).filter(d -> d.contract.equals(contract)).findFirst());
  }

  /**
   * Refuses {@code contracts} when one of them replaces a food dataset: the trusted stage reads the
   * food datasets' rows as their built-in contracts type them.
   */
  public static void requireBuiltInIn(Contracts contracts) {
    for (Contracts.Declared declared : contracts.declared()) {
      for (Dataset dataset : values()) {
        if (declared.contract().topic().equals(dataset.topic())
            && !declared.contract().equals(dataset.contract)) {
          throw new ContractException(
              declared.file()
                  + ": replaces the built-in dataset "
                  + dataset.domain()
                  + "."
                  + dataset.datasetName()
                  + ", which the trusted stage reads as built in; run it with trusted.enabled=false, "
                  + "or give the dataset another name");
        }
      }
    }
  }
}
