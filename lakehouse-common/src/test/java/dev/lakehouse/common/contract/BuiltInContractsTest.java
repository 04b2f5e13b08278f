package dev.lakehouse.common.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract files say what {@link Dataset} says of each food dataset: until the code reads everything from the
 * files, the two must agree field by field.
 */
class BuiltInContractsTest {
  private final Contracts contracts = ContractFiles.load(Optional.empty());

  @Test
  void eachDatasetHasItsContractFileWithTheSameFacts() {
    assertThat(contracts.all()).hasSize(Dataset.values().length);
    for (Dataset dataset : Dataset.values()) {
      DatasetContract contract = contracts.find(dataset.domain(), dataset.datasetName()).orElseThrow();
      assertThat(contract.topic()).isEqualTo(dataset.topic());
      assertThat(contract.format()).isEqualTo(dataset.format());
      assertThat(contract.key()).isEqualTo(dataset.keyField());
      assertThat(contract.fieldNames()).as("%s fields in source order", dataset).isEqualTo(dataset.fieldNames());
      for (Field field : dataset.fields()) {
        assertThat(contract.field(field.name()).orElseThrow().personal()).as("%s.%s personal", dataset, field.name())
            .isEqualTo(field.personal());
      }
      assertThat(contracts.forFileName(dataset.fileName())).contains(contract);
    }
  }
}
