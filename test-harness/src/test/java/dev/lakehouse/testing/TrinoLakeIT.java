package dev.lakehouse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.iceberg.LakehouseCatalogs;
import dev.lakehouse.sql.QueryRows;
import dev.lakehouse.stack.LocalStack;
import dev.lakehouse.trino.LakeTrino;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.catalog.ViewCatalog;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Trino, started the way the project starts it ({@link LakeTrino}: a child JVM on the JDK it
 * needs, a free port), reads the lake through a REST catalog server over the stack's catalog and
 * its S3 server: a table this JVM wrote, and an Iceberg view that carries a Trino dialect beside
 * the Spark one. The catalog answers as {@code awsdatacatalog}, and closing the server leaves no
 * process behind.
 */
@WithLocalStack
class TrinoLakeIT {
  private static final Namespace QUERY = Namespace.of("query");
  private static final TableIdentifier EVENTS = TableIdentifier.of(QUERY, "events");
  private static final TableIdentifier BY_CITY = TableIdentifier.of(QUERY, "events_by_city");

  @Test
  void trinoReadsTheLakesTablesAndViewsThroughTheRestCatalog(LocalStack stack, @TempDir Path work)
      throws Exception {
    Catalog catalog = LakehouseCatalogs.open(stack.settings());
    ((SupportsNamespaces) catalog).createNamespace(QUERY);
    Table events =
        catalog.createTable(
            EVENTS, IcebergTables.SCHEMA, IcebergTables.SPEC, Map.of("format-version", "2"));
    long id = 0;
    for (String city : List.of("SAO PAULO", "CAMPINAS", "SAO PAULO")) {
      List<Record> rows = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        rows.add(IcebergTables.row(id++, city));
      }
      IcebergTables.appendFile(events, rows);
    }
    Schema byCity =
        new Schema(
            Types.NestedField.optional(1, "city", Types.StringType.get()),
            Types.NestedField.optional(2, "events", Types.LongType.get()));
    ((ViewCatalog) catalog)
        .buildView(BY_CITY)
        .withSchema(byCity)
        .withDefaultCatalog(stack.settings().catalog().name())
        .withDefaultNamespace(QUERY)
        .withQuery(
            "spark", "SELECT `city`, count(*) AS `events` FROM `query`.`events` GROUP BY `city`")
        .withQuery(
            "trino",
            "SELECT \"city\", count(*) AS \"events\" FROM \"awsdatacatalog\".\"query\".\"events\" GROUP BY \"city\"")
        .create();

    long pid;
    try (LakeTrino trino = LakeTrino.start(stack.settings(), work, 0, 1024)) {
      pid = trino.pid();
      try (Connection connection = DriverManager.getConnection(trino.jdbcUrl(), "lakehouse", null);
          Statement statement = connection.createStatement()) {
        assertThat(rows(statement, "SELECT count(*), min(id), max(id) FROM query.events"))
            .containsExactly(List.of("30", "0", "29"));
        assertThat(
                rows(
                    statement,
                    "SELECT city, events FROM awsdatacatalog.query.events_by_city ORDER BY city"))
            .containsExactly(List.of("CAMPINAS", "10"), List.of("SAO PAULO", "20"));
        assertThat(rows(statement, "SHOW TABLES FROM query"))
            .contains(List.of("events"), List.of("events_by_city"));
      }
    }
    Optional<ProcessHandle> left = ProcessHandle.of(pid);
    assertThat(left.map(ProcessHandle::isAlive))
        .as("Trino ends with close()")
        .isNotEqualTo(Optional.of(true));
  }

  private static List<List<String>> rows(Statement statement, String sql) throws Exception {
    try (ResultSet result = statement.executeQuery(sql)) {
      return QueryRows.read(result).rows();
    }
  }
}
