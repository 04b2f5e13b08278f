package dev.lakehouse.streams.trusted;

import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.sql.QueryRows;
import dev.lakehouse.trino.LakeTrino;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real Trino over the test's lake, as an Athena user reads it ({@link LakeTrino}: Trino as a
 * child JVM on a free port, over a REST catalog server in this JVM), and its JDBC driver. Values
 * come back as Trino renders them as text.
 */
final class TrinoReads implements AutoCloseable {
  private static final int HEAP_MEGABYTES = 1024;

  private final LakeTrino trino;
  private final Connection connection;

  private TrinoReads(LakeTrino trino, Connection connection) {
    this.trino = trino;
    this.connection = connection;
  }

  static TrinoReads start(Path settingsFile, Path work) throws Exception {
    LakeTrino trino =
        LakeTrino.start(LakehouseSettings.load(settingsFile), work, 0, HEAP_MEGABYTES);
    try {
      return new TrinoReads(trino, DriverManager.getConnection(trino.jdbcUrl(), "lakehouse", null));
    } catch (Exception | Error e) {
      trino.close();
      throw e;
    }
  }

  /** The query's answer, each value as Trino renders it as text. */
  QueryRows query(String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      return QueryRows.read(result);
    }
  }

  long pid() {
    return trino.pid();
  }

  @Override
  public void close() throws Exception {
    try {
      connection.close();
    } finally {
      trino.close();
    }
  }
}
