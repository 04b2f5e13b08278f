package dev.lakehouse.cli;

import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.common.settings.SettingsException;
import dev.lakehouse.sql.QueryRows;
import dev.lakehouse.sql.SparkSqlRun;
import dev.lakehouse.stack.StackConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./lakehouse sql "SELECT …"}: one query on the local lake, printed. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description =
        "Run one SQL query on the lake and print its rows: on Trino (Athena's dialect; the one"
            + " './lakehouse up --with-trino' keeps running, else one started for the query) or on"
            + " Spark with --engine spark. Names resolve as in Athena: trusted.order_current,"
            + " mart.daily_orders (see docs/query.md). Exit code 0 on success, 1 when the query"
            + " failed, 2 on bad arguments.")
final class SqlCommand implements Callable<Integer> {
  /** The engines of {@code --engine}. */
  enum Engine {
    TRINO,
    SPARK
  }

  @Mixin DataDirOption dataDir = new DataDirOption();

  @Parameters(index = "0", paramLabel = "SQL", description = "The query.")
  String sql;

  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      defaultValue = "trino",
      converter = EngineConverter.class,
      description = "trino (default) or spark.")
  Engine engine;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      converter = FormatConverter.class,
      description = "table (default), csv or json (JSON Lines).")
  QueryOutput.Format format;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Settings file of the lake (default: the local stack's).")
  Path config;

  @Override
  public Integer call() throws Exception {
    StackConfig stack = StackConfig.defaults(dataDir.resolve());
    Path settingsFile = config != null ? config : stack.settingsFile();
    if (!Files.exists(settingsFile)) {
      System.err.println(
          "lakehouse sql: no settings file "
              + settingsFile
              + ": start the local stack (./lakehouse up) or pass --config");
      return 2;
    }
    LakehouseSettings settings;
    try {
      settings = LakehouseSettings.load(settingsFile);
    } catch (SettingsException e) {
      System.err.println("lakehouse sql: " + e.getMessage());
      return 2;
    }
    Files.createDirectories(stack.logDir());
    // the console is for the answer: the catalog's, Trino's and Spark's log lines go to a file
    ComponentLogs.sendTo(stack.logDir().resolve("sql.log"));
    try {
      QueryRows result =
          engine == Engine.TRINO ? onTrino(settings, stack) : onSpark(settingsFile, stack);
      System.out.print(QueryOutput.render(result, format));
      return 0;
    } catch (SQLException e) {
      System.err.println("lakehouse sql: the query failed: " + e.getMessage());
      return 1;
    } catch (QueryFailed e) {
      System.err.println("lakehouse sql: " + e.getMessage());
      return 1;
    }
  }

  private QueryRows onTrino(LakehouseSettings settings, StackConfig stack) throws Exception {
    Optional<String> running = LocalTrino.running(stack.dataDir());
    if (running.isPresent()) {
      return query(running.get());
    }
    System.err.println(
        "lakehouse sql: starting Trino for this query (./lakehouse up --with-trino keeps one"
            + " running); its log: "
            + stack.logDir().resolve("trino-sql").resolve("trino.log"));
    try (LocalTrino trino =
        LocalTrino.start(settings, stack.logDir().resolve("trino-sql"), 0, Optional.empty())) {
      return query(trino.jdbcUrl());
    }
  }

  private QueryRows query(String jdbcUrl) throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, "lakehouse", null);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      return QueryRows.read(result);
    }
  }

  private QueryRows onSpark(Path settingsFile, StackConfig stack) throws Exception {
    Path out = Files.createTempDirectory(stack.logDir(), "spark-sql-");
    Path log = stack.logDir().resolve("spark-sql.log");
    System.err.println("lakehouse sql: running the query on Spark; its log: " + log);
    try {
      return SparkSqlRun.run(settingsFile, Map.of("result", sql), out, log, Duration.ofHours(1))
          .get("result");
    } catch (SparkSqlRun.Failed e) {
      throw new QueryFailed("the query failed on Spark: " + e.getMessage());
    }
  }

  /** A query that failed on Spark, with the end of its log. */
  private static final class QueryFailed extends Exception {
    QueryFailed(String message) {
      super(message);
    }
  }

  static final class EngineConverter implements picocli.CommandLine.ITypeConverter<Engine> {
    @Override
    public Engine convert(String value) {
      try {
        return Engine.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "--engine takes trino or spark, got '" + value + "'");
      }
    }
  }

  static final class FormatConverter
      implements picocli.CommandLine.ITypeConverter<QueryOutput.Format> {
    @Override
    public QueryOutput.Format convert(String value) {
      try {
        return QueryOutput.Format.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "--format takes table, csv or json, got '" + value + "'");
      }
    }
  }
}
