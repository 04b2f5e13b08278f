package dev.lakehouse.common.contract;

import java.util.Optional;

/** The contracts built into the project, read once from the classpath. */
final class BuiltInContracts {
  static final Contracts CONTRACTS = ContractFiles.load(Optional.empty());

  private BuiltInContracts() {}
}
