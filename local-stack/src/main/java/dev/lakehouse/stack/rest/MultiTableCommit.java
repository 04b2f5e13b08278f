package dev.lakehouse.stack.rest;

import java.util.HashSet;
import java.util.Set;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.RetryableValidationException;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.UpdateRequirement;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.rest.CatalogHandlers;
import org.apache.iceberg.rest.requests.CommitTransactionRequest;
import org.apache.iceberg.rest.requests.UpdateTableRequest;

/**
 * {@code POST /v1/transactions/commit} over a catalog that has no multi-table commit of its own
 * (the JDBC catalog): every table's requirements and updates are first checked against its current
 * metadata, so that a stale or invalid change fails the whole request before anything is written;
 * then each table is committed in turn through {@link CatalogHandlers#updateTable}, which
 * re-validates and retries against concurrent writers like a single-table commit.
 *
 * <p>Not atomic across tables: if a table's commit fails in the second phase (a writer changed it
 * in between, beyond what the retries absorb), the tables committed before it stay committed and
 * the error of the failed one is returned.
 */
final class MultiTableCommit {
  private MultiTableCommit() {}

  static void commit(Catalog catalog, CommitTransactionRequest request) {
    Set<TableIdentifier> checked = new HashSet<>();
    for (UpdateTableRequest change : request.tableChanges()) {
      // a later change to the same table builds on the earlier one: only the first is checked up
      // front
      if (checked.add(change.identifier())) {
        check(catalog, change);
      }
    }
    for (UpdateTableRequest change : request.tableChanges()) {
      CatalogHandlers.updateTable(catalog, change.identifier(), change);
    }
  }

  private static void check(Catalog catalog, UpdateTableRequest change) {
    TableIdentifier ident = change.identifier();
    if (change.requirements().stream()
        .anyMatch(UpdateRequirement.AssertTableDoesNotExist.class::isInstance)) {
      if (catalog.tableExists(ident)) {
        throw new CommitFailedException("Requirement failed: table already exists: %s", ident);
      }
      return;
    }
    Table table = catalog.loadTable(ident);
    if (!(table instanceof BaseTable base)) {
      throw new IllegalStateException("Cannot commit to a table that is not a BaseTable: " + ident);
    }
    TableMetadata current = base.operations().current();
    change.requirements().forEach(requirement -> requirement.validate(current));
    TableMetadata.Builder builder = TableMetadata.buildFrom(current);
    try {
      change.updates().forEach(update -> update.applyTo(builder));
    } catch (RetryableValidationException e) {
      // stale values in the request itself (a sequence number behind the table): the client must
      // retry
      throw new CommitFailedException(e, "Validation failed, please retry: %s", e.getMessage());
    }
    builder.build();
  }
}
