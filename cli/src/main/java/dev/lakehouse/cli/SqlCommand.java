package dev.lakehouse.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.common.settings.SettingsException;
import dev.lakehouse.process.ChildJvm;
import dev.lakehouse.process.LakehouseHome;
import dev.lakehouse.process.SparkJvm;
import dev.lakehouse.stack.StackConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
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
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

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
  QueryResult.Format format;

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
      QueryResult result =
          engine == Engine.TRINO ? onTrino(settings, stack) : onSpark(settingsFile, stack);
      System.out.print(result.render(format));
      return 0;
    } catch (SQLException e) {
      System.err.println("lakehouse sql: the query failed: " + e.getMessage());
      return 1;
    } catch (QueryFailed e) {
      System.err.println("lakehouse sql: " + e.getMessage());
      return 1;
    }
  }

  private QueryResult onTrino(LakehouseSettings settings, StackConfig stack) throws Exception {
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

  private QueryResult query(String jdbcUrl) throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, "lakehouse", null);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      ResultSetMetaData meta = result.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int c = 1; c <= meta.getColumnCount(); c++) {
        columns.add(meta.getColumnLabel(c));
      }
      List<List<String>> rows = new ArrayList<>();
      while (result.next()) {
        List<String> row = new ArrayList<>();
        for (int c = 1; c <= columns.size(); c++) {
          row.add(result.getString(c));
        }
        rows.add(row);
      }
      return new QueryResult(columns, rows);
    }
  }

  private QueryResult onSpark(Path settingsFile, StackConfig stack) throws Exception {
    Path out = Files.createTempDirectory(stack.logDir(), "spark-sql-");
    Path log = stack.logDir().resolve("spark-sql.log");
    System.err.println("lakehouse sql: running the query on Spark; its log: " + log);
    try (ChildJvm spark =
        ChildJvm.start(
            new ChildJvm.Spec(
                "spark-sql",
                LakehouseHome.fromEnvironment().moduleClasspath("batch-compaction"),
                SparkJvm.OPTIONS,
                "dev.lakehouse.nightly.SqlQueries",
                List.of(
                    "--config",
                    settingsFile.toString(),
                    "--out",
                    out.toString(),
                    "--query",
                    "result=" + sql),
                log))) {
      OptionalInt exit = spark.waitFor(Duration.ofHours(1));
      if (exit.isEmpty() || exit.getAsInt() != 0) {
        throw new QueryFailed(
            "the query failed on Spark; the log ends with:\n" + spark.logTail(20));
      }
    }
    List<String> columns =
        Files.readAllLines(out.resolve("result.columns"), StandardCharsets.UTF_8);
    List<List<String>> rows = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("result.jsonl"), StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode row = JSON.readTree(line);
      List<String> values = new ArrayList<>();
      // Spark's JSON leaves out null fields
      columns.forEach(c -> values.add(row.hasNonNull(c) ? row.get(c).asText() : null));
      rows.add(values);
    }
    return new QueryResult(columns, rows);
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
      implements picocli.CommandLine.ITypeConverter<QueryResult.Format> {
    @Override
    public QueryResult.Format convert(String value) {
      try {
        return QueryResult.Format.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "--format takes table, csv or json, got '" + value + "'");
      }
    }
  }
}
