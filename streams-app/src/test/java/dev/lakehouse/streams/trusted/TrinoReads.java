package dev.lakehouse.streams.trusted;

import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.process.LakehouseHome;
import dev.lakehouse.stack.rest.RestCatalogServer;
import dev.lakehouse.trino.TrinoCatalogProperties;
import dev.lakehouse.trino.TrinoServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.catalog.Catalog;

/**
 * A real Trino over the test's lake, as an Athena user reads it: the REST catalog server in this
 * JVM over the test's catalog, Trino as a child JVM on a free port, and its JDBC driver. Values
 * come back as Trino renders them as text.
 */
final class TrinoReads implements AutoCloseable {
  private static final int HEAP_MEGABYTES = 1024;

  private final RestCatalogServer rest;
  private final TrinoServer trino;
  private final Connection connection;

  private TrinoReads(RestCatalogServer rest, TrinoServer trino, Connection connection) {
    this.rest = rest;
    this.trino = trino;
    this.connection = connection;
  }

  static TrinoReads start(Path settingsFile, Catalog catalog, Path work) throws Exception {
    RestCatalogServer rest = RestCatalogServer.start(catalog, "127.0.0.1", 0);
    TrinoServer trino = null;
    try {
      trino =
          TrinoServer.start(
              LakehouseHome.fromEnvironment(),
              new TrinoServer.Spec(
                  work,
                  "127.0.0.1",
                  0,
                  HEAP_MEGABYTES,
                  TrinoCatalogProperties.of(
                      rest.uri(), LakehouseSettings.load(settingsFile).s3())));
      return new TrinoReads(
          rest, trino, DriverManager.getConnection(trino.jdbcUrl(), "lakehouse", null));
    } catch (Exception | Error e) {
      if (trino != null) {
        trino.close();
      }
      rest.close();
      throw e;
    }
  }

  /** The column names of the query's result. */
  List<String> columns(String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      ResultSetMetaData meta = result.getMetaData();
      List<String> names = new ArrayList<>();
      for (int c = 1; c <= meta.getColumnCount(); c++) {
        names.add(meta.getColumnLabel(c));
      }
      return names;
    }
  }

  /** Every row, each value as text (null stays null). */
  List<List<String>> rows(String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> row = new ArrayList<>(columns);
        for (int c = 1; c <= columns; c++) {
          row.add(result.getString(c));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  long pid() {
    return trino.pid();
  }

  @Override
  public void close() throws Exception {
    try {
      connection.close();
    } finally {
      try {
        trino.close();
      } finally {
        rest.close();
      }
    }
  }
}
