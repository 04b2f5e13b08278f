package dev.lakehouse.stack.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableCommit;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NamespaceNotEmptyException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.NoSuchViewException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.metrics.CommitReport;
import org.apache.iceberg.metrics.MetricsReport;
import org.apache.iceberg.metrics.MetricsReporter;
import org.apache.iceberg.rest.Endpoint;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.rest.responses.ConfigResponse;
import org.apache.iceberg.rest.responses.ConfigResponseParser;
import org.apache.iceberg.rest.responses.ErrorResponse;
import org.apache.iceberg.rest.responses.ErrorResponseParser;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Iceberg's own REST client against the server, the server over a JDBC catalog on SQLite with local
 * files: every write goes through HTTP and is checked in the backing catalog.
 */
class RestCatalogServerIT {
  private static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "id", Types.LongType.get()),
          Types.NestedField.optional(2, "city", Types.StringType.get()),
          Types.NestedField.optional(3, "ts", Types.TimestampType.withZone()));
  private static final PartitionSpec SPEC = PartitionSpec.builderFor(SCHEMA).day("ts").build();
  private static final Namespace SALES = Namespace.of("sales");
  private static final TableIdentifier ORDERS = TableIdentifier.of(SALES, "orders");
  private static final int MAX_RACE_ROUNDS = 20;

  @TempDir Path dir;

  private JdbcCatalog backing;
  private RestCatalogServer server;
  private RESTCatalog client;

  @BeforeEach
  void start() {
    backing = new JdbcCatalog();
    backing.setConf(new Configuration());
    backing.initialize(
        "backing",
        Map.of(
            "uri",
            "jdbc:sqlite:" + dir.resolve("catalog.db"),
            "warehouse",
            dir.resolve("warehouse").toUri().toString(),
            "jdbc.schema-version",
            "V1"));
    server = RestCatalogServer.start(backing, "127.0.0.1", 0);
    client = new RESTCatalog();
    // the URI is all the client needs: its default ResolvingFileIO reads and writes the file:
    // locations
    CommitAttempts.reset();
    client.initialize(
        "rest",
        Map.of(
            "uri",
            server.uri(),
            CatalogProperties.METRICS_REPORTER_IMPL,
            CommitAttempts.class.getName()));
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    server.close();
    backing.close();
  }

  @Test
  void namespacesRoundTripWithMultiLevelNamesAndProperties() {
    assertThat(server.uri()).isEqualTo("http://127.0.0.1:" + server.port());
    // mutable collections: Iceberg's request builders look for null keys, which Map.of refuses to
    // be asked
    client.createNamespace(SALES, new HashMap<>(Map.of("owner", "data")));
    Namespace eu = Namespace.of("sales", "eu west");
    client.createNamespace(eu);

    assertThat(client.namespaceExists(SALES)).isTrue();
    assertThat(client.namespaceExists(eu)).isTrue();
    assertThat(client.namespaceExists(Namespace.of("missing"))).isFalse();
    assertThat(backing.namespaceExists(eu)).isTrue();
    assertThat(client.listNamespaces()).contains(SALES);
    assertThat(client.listNamespaces(SALES)).containsExactly(eu);
    assertThat(client.loadNamespaceMetadata(SALES)).containsEntry("owner", "data");

    client.setProperties(SALES, new HashMap<>(Map.of("team", "orders")));
    client.removeProperties(SALES, new HashSet<>(Set.of("owner")));
    assertThat(backing.loadNamespaceMetadata(SALES))
        .containsEntry("team", "orders")
        .doesNotContainKey("owner");
    assertThatThrownBy(() -> client.loadNamespaceMetadata(Namespace.of("missing")))
        .isInstanceOf(NoSuchNamespaceException.class);

    // a table name with a space travels as %20 in the path
    TableIdentifier spaced = TableIdentifier.of(eu, "daily orders");
    client.createTable(spaced, SCHEMA);
    assertThat(client.tableExists(spaced)).isTrue();
    assertThat(backing.tableExists(spaced)).isTrue();
    assertThat(client.listTables(eu)).containsExactly(spaced);

    assertThatThrownBy(() -> client.dropNamespace(eu))
        .isInstanceOf(NamespaceNotEmptyException.class);
    assertThat(client.dropTable(spaced)).isTrue();
    assertThat(client.dropNamespace(eu)).isTrue();
    assertThat(client.namespaceExists(eu)).isFalse();
    assertThat(client.dropNamespace(eu)).isFalse();
    assertThatThrownBy(() -> client.listTables(Namespace.of("missing")))
        .isInstanceOf(NoSuchNamespaceException.class);
  }

  @Test
  void appendsThroughTheClientAreCommittedInTheBackingCatalog() throws IOException {
    client.createNamespace(SALES);
    Table table = createOrders();
    assertThat(client.tableExists(ORDERS)).isTrue();
    assertThat(client.tableExists(TableIdentifier.of(SALES, "missing"))).isFalse();
    assertThat(client.listTables(SALES)).containsExactly(ORDERS);
    assertThat(metadata(backing.loadTable(ORDERS)).formatVersion()).isEqualTo(2);
    assertThat(backing.loadTable(ORDERS).spec().isPartitioned()).isTrue();

    table
        .newAppend()
        .appendFile(writeFile(table, 1, 2))
        .set("writer.offsets", "orders-0:41")
        .commit();
    table.newAppend().appendFile(writeFile(table, 3, 4)).commit();

    Table seen = backing.loadTable(ORDERS);
    List<Snapshot> snapshots = new ArrayList<>();
    seen.snapshots().forEach(snapshots::add);
    assertThat(snapshots).hasSize(2);
    assertThat(snapshots.get(0).summary())
        .containsEntry("writer.offsets", "orders-0:41")
        .containsEntry("added-data-files", "1");
    assertThat(snapshots.get(1).parentId()).isEqualTo(snapshots.get(0).snapshotId());
    assertThat(seen.currentSnapshot().snapshotId()).isEqualTo(table.currentSnapshot().snapshotId());
    assertThat(rows(client.loadTable(ORDERS))).isEqualTo(4);
  }

  @Test
  void aSchemaChangeThroughTheClientReachesTheBackingCatalog() {
    client.createNamespace(SALES);
    Table table = createOrders();
    table.updateSchema().addColumn("note", Types.StringType.get()).commit();

    assertThat(backing.loadTable(ORDERS).schema().findField("note")).isNotNull();
    assertThat(client.loadTable(ORDERS).schema().findField("note")).isNotNull();
  }

  @Test
  void aTableObjectLeftAtAnOldSnapshotStillAppendsButItsStaleSchemaChangeIsAConflict()
      throws IOException {
    client.createNamespace(SALES);
    createOrders().newAppend().appendFile(writeFile(backing.loadTable(ORDERS), 1)).commit();
    Table first = client.loadTable(ORDERS);
    Table second = client.loadTable(ORDERS);
    long start = first.currentSnapshot().snapshotId();

    first.newAppend().appendFile(writeFile(first, 2)).commit();
    assertThat(second.currentSnapshot().snapshotId())
        .as("second has not seen the append")
        .isEqualTo(start);
    // an append refreshes before it commits, so this one builds on the first's snapshot
    second.newAppend().appendFile(writeFile(second, 3)).commit();

    Table seen = backing.loadTable(ORDERS);
    assertThat(seen.currentSnapshot().parentId()).isEqualTo(first.currentSnapshot().snapshotId());
    assertThat(rows(seen)).isEqualTo(3);

    // a schema change does not refresh: the server rejects its stale requirements with a 409
    first.updateSchema().addColumn("a", Types.StringType.get()).commit();
    assertThatThrownBy(() -> second.updateSchema().addColumn("b", Types.StringType.get()).commit())
        .isInstanceOf(CommitFailedException.class);
    assertThat(backing.loadTable(ORDERS).schema().findField("a")).isNotNull();
    assertThat(backing.loadTable(ORDERS).schema().findField("b")).isNull();
  }

  @Test
  void racingAppendsAllLandThroughTheClientsRetryOnConflict() throws Exception {
    client.createNamespace(SALES);
    createOrders();
    Table left = client.loadTable(ORDERS);
    Table right = client.loadTable(ORDERS);
    ExecutorService writers = Executors.newFixedThreadPool(2);
    int rounds = 0;
    try {
      // two appends released together both read the same snapshot; the later commit gets a 409 and
      // is
      // retried by Iceberg's client, which the commit report counts as a second attempt
      while (rounds < MAX_RACE_ROUNDS && CommitAttempts.retried() == 0) {
        rounds++;
        CyclicBarrier together = new CyclicBarrier(2);
        Future<?> a = writers.submit(racingAppend(left, rounds * 10L, together));
        Future<?> b = writers.submit(racingAppend(right, rounds * 10L + 1, together));
        a.get(1, TimeUnit.MINUTES);
        b.get(1, TimeUnit.MINUTES);
      }
    } finally {
      writers.shutdownNow();
    }

    assertThat(CommitAttempts.retried())
        .as("a commit that was retried after a conflict")
        .isPositive();
    Table seen = backing.loadTable(ORDERS);
    List<Snapshot> snapshots = new ArrayList<>();
    seen.snapshots().forEach(snapshots::add);
    assertThat(snapshots).hasSize(2 * rounds);
    assertThat(rows(seen)).isEqualTo(2L * rounds);
  }

  @Test
  void aMultiTableTransactionCommitsEveryTableOrNoneWhenOneIsMissing() {
    client.createNamespace(SALES);
    TableIdentifier returns = TableIdentifier.of(SALES, "returns");
    TableMetadata ordersBase = metadata(createOrders());
    TableMetadata returnsBase = metadata(client.createTable(returns, SCHEMA));

    client.commitTransaction(
        TableCommit.create(ORDERS, ordersBase, withProperty(ordersBase, "batch", "1")),
        TableCommit.create(returns, returnsBase, withProperty(returnsBase, "batch", "1")));
    assertThat(backing.loadTable(ORDERS).properties()).containsEntry("batch", "1");
    assertThat(backing.loadTable(returns).properties()).containsEntry("batch", "1");

    TableMetadata ordersNow = metadata(client.loadTable(ORDERS));
    TableIdentifier missing = TableIdentifier.of(SALES, "missing");
    assertThatThrownBy(
            () ->
                client.commitTransaction(
                    TableCommit.create(ORDERS, ordersNow, withProperty(ordersNow, "batch", "2")),
                    TableCommit.create(
                        missing, returnsBase, withProperty(returnsBase, "batch", "2"))))
        .isInstanceOf(NoSuchTableException.class);
    assertThat(backing.loadTable(ORDERS).properties())
        .as("checked before anything is committed")
        .containsEntry("batch", "1");
  }

  @Test
  void aStagedCreateIsCommittedWithItsFirstAppend() throws IOException {
    client.createNamespace(SALES);
    Transaction create =
        client.buildTable(ORDERS, SCHEMA).withPartitionSpec(SPEC).createTransaction();
    assertThat(backing.tableExists(ORDERS)).as("staged only").isFalse();
    create.newAppend().appendFile(writeFile(create.table(), 1, 2)).commit();
    create.commitTransaction();

    Table seen = backing.loadTable(ORDERS);
    assertThat(seen.currentSnapshot()).isNotNull();
    assertThat(rows(seen)).isEqualTo(2);
  }

  @Test
  void renameThenDropKeepsOrPurgesTheFiles() throws IOException {
    client.createNamespace(SALES);
    Table table = createOrders();
    DataFile kept = writeFile(table, 1);
    table.newAppend().appendFile(kept).commit();
    TableIdentifier renamed = TableIdentifier.of(SALES, "orders_v1");

    client.renameTable(ORDERS, renamed);
    assertThat(client.tableExists(ORDERS)).isFalse();
    assertThat(backing.tableExists(renamed)).isTrue();
    assertThat(client.dropTable(renamed)).isTrue();
    assertThat(backing.tableExists(renamed)).isFalse();
    assertThat(Files.exists(localPath(kept))).as("a plain drop keeps the data").isTrue();
    assertThat(client.dropTable(renamed)).isFalse();

    Table purged = createOrders();
    DataFile gone = writeFile(purged, 2);
    purged.newAppend().appendFile(gone).commit();
    assertThat(client.dropTable(ORDERS, true)).isTrue();
    assertThat(backing.tableExists(ORDERS)).isFalse();
    assertThat(Files.exists(localPath(gone))).as("purgeRequested deletes the data").isFalse();
  }

  @Test
  void viewsAreCreatedReplacedRenamedAndDroppedThroughTheClient() {
    client.createNamespace(SALES);
    createOrders();
    TableIdentifier recent = TableIdentifier.of(SALES, "recent_orders");
    client
        .buildView(recent)
        .withSchema(SCHEMA)
        .withDefaultNamespace(SALES)
        .withQuery("spark", "SELECT * FROM orders WHERE ts > current_date() - 1")
        .withQuery("trino", "SELECT * FROM orders WHERE ts > current_date - INTERVAL '1' DAY")
        .create();

    assertThat(client.viewExists(recent)).isTrue();
    assertThat(backing.viewExists(recent)).isTrue();
    assertThat(client.listViews(SALES)).containsExactly(recent);
    assertThat(client.loadView(recent).sqlFor("trino").sql()).contains("INTERVAL '1' DAY");

    client
        .buildView(recent)
        .withSchema(SCHEMA)
        .withDefaultNamespace(SALES)
        .withQuery("spark", "SELECT * FROM orders")
        .withQuery("trino", "SELECT * FROM orders")
        .createOrReplace();
    assertThat(backing.loadView(recent).sqlFor("spark").sql()).isEqualTo("SELECT * FROM orders");
    assertThat(backing.loadView(recent).history()).hasSize(2);

    TableIdentifier renamed = TableIdentifier.of(SALES, "all_orders");
    client.renameView(recent, renamed);
    assertThat(client.viewExists(recent)).isFalse();
    assertThat(backing.viewExists(renamed)).isTrue();
    assertThat(client.dropView(renamed)).isTrue();
    assertThat(backing.viewExists(renamed)).isFalse();
    assertThat(client.dropView(renamed)).isFalse();
    assertThatThrownBy(() -> client.loadView(renamed)).isInstanceOf(NoSuchViewException.class);
  }

  @Test
  void loadingAMissingTableIsNoSuchTable() {
    client.createNamespace(SALES);
    assertThatThrownBy(() -> client.loadTable(TableIdentifier.of(SALES, "missing")))
        .isInstanceOf(NoSuchTableException.class);
  }

  @Test
  void theProtocolOnTheWire() throws Exception {
    client.createNamespace(SALES);
    HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> config =
        http.send(request("GET", "/v1/config", null), HttpResponse.BodyHandlers.ofString());
    assertThat(config.statusCode()).isEqualTo(200);
    ConfigResponse parsed = ConfigResponseParser.fromJson(config.body());
    assertThat(parsed.overrides()).doesNotContainKey("prefix");
    assertThat(parsed.endpoints())
        .containsExactlyInAnyOrder(
            Endpoint.V1_LIST_NAMESPACES,
            Endpoint.V1_CREATE_NAMESPACE,
            Endpoint.V1_LOAD_NAMESPACE,
            Endpoint.V1_NAMESPACE_EXISTS,
            Endpoint.V1_DELETE_NAMESPACE,
            Endpoint.V1_UPDATE_NAMESPACE,
            Endpoint.V1_LIST_TABLES,
            Endpoint.V1_CREATE_TABLE,
            Endpoint.V1_LOAD_TABLE,
            Endpoint.V1_TABLE_EXISTS,
            Endpoint.V1_UPDATE_TABLE,
            Endpoint.V1_DELETE_TABLE,
            Endpoint.V1_REPORT_METRICS,
            Endpoint.V1_RENAME_TABLE,
            Endpoint.V1_COMMIT_TRANSACTION,
            Endpoint.V1_LIST_VIEWS,
            Endpoint.V1_CREATE_VIEW,
            Endpoint.V1_LOAD_VIEW,
            Endpoint.V1_VIEW_EXISTS,
            Endpoint.V1_UPDATE_VIEW,
            Endpoint.V1_DELETE_VIEW,
            Endpoint.V1_RENAME_VIEW);

    HttpResponse<String> head =
        http.send(
            request("HEAD", "/v1/namespaces/sales/tables/missing", null),
            HttpResponse.BodyHandlers.ofString());
    assertThat(head.statusCode()).isEqualTo(404);
    assertThat(head.body()).isEmpty();
    assertThat(
            http.send(
                    request("HEAD", "/v1/namespaces/sales", null),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(204);

    HttpResponse<String> load =
        http.send(
            request("GET", "/v1/namespaces/sales/tables/missing", null),
            HttpResponse.BodyHandlers.ofString());
    assertThat(load.statusCode()).isEqualTo(404);
    ErrorResponse error = ErrorResponseParser.fromJson(load.body());
    assertThat(error.code()).isEqualTo(404);
    assertThat(error.type()).isEqualTo("NoSuchTableException");

    HttpResponse<String> missingNamespace =
        http.send(
            request("GET", "/v1/namespaces/nowhere/tables", null),
            HttpResponse.BodyHandlers.ofString());
    assertThat(missingNamespace.statusCode()).isEqualTo(404);
    assertThat(ErrorResponseParser.fromJson(missingNamespace.body()).type())
        .isEqualTo("NoSuchNamespaceException");

    HttpResponse<String> duplicate =
        http.send(
            request("POST", "/v1/namespaces", "{\"namespace\":[\"sales\"]}"),
            HttpResponse.BodyHandlers.ofString());
    assertThat(duplicate.statusCode()).isEqualTo(409);
    assertThat(ErrorResponseParser.fromJson(duplicate.body()).type())
        .isEqualTo("AlreadyExistsException");

    assertThat(
            http.send(
                    request("POST", "/v1/namespaces", "{not json"),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(400);
    assertThat(
            http.send(
                    request("GET", "/v1/nothing/here", null), HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(400);
    assertThat(
            http.send(request("PUT", "/v1/namespaces", "{}"), HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(400);
  }

  private static Callable<Void> racingAppend(Table table, long id, CyclicBarrier together) {
    return () -> {
      DataFile file = writeFile(table, id);
      together.await(1, TimeUnit.MINUTES);
      table.newAppend().appendFile(file).commit();
      return null;
    };
  }

  /**
   * The client's metrics reporter (besides the one posting to the server): counts commit attempts.
   */
  public static final class CommitAttempts implements MetricsReporter {
    private static final AtomicInteger RETRIED = new AtomicInteger();

    @Override
    public void report(MetricsReport report) {
      if (report instanceof CommitReport commit
          && commit.commitMetrics().attempts() != null
          && commit.commitMetrics().attempts().value() > 1) {
        RETRIED.incrementAndGet();
      }
    }

    static int retried() {
      return RETRIED.get();
    }

    static void reset() {
      RETRIED.set(0);
    }
  }

  private Table createOrders() {
    return client
        .buildTable(ORDERS, SCHEMA)
        .withPartitionSpec(SPEC)
        .withProperty("format-version", "2")
        .create();
  }

  private HttpRequest request(String method, String path, String json) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.uri() + path));
    if (json == null) {
      return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
    }
    return builder
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json))
        .build();
  }

  private static TableMetadata metadata(Table table) {
    return ((HasTableOperations) table).operations().current();
  }

  private static TableMetadata withProperty(TableMetadata base, String key, String value) {
    return TableMetadata.buildFrom(base).setProperties(Map.of(key, value)).build();
  }

  private static Path localPath(DataFile file) {
    return Path.of(URI.create(file.location()));
  }

  /**
   * One real Parquet file of the given ids, all in one day's partition, through the table's FileIO.
   */
  private static DataFile writeFile(Table table, long... ids) throws IOException {
    List<Record> records = new ArrayList<>();
    for (long id : ids) {
      GenericRecord record = GenericRecord.create(table.schema());
      record.setField("id", id);
      record.setField("city", "Lyon");
      record.setField("ts", OffsetDateTime.of(2024, 5, 17, 10, 0, 0, 0, ZoneOffset.UTC));
      records.add(record);
    }
    PartitionKey partition = new PartitionKey(table.spec(), table.schema());
    partition.partition(new InternalRecordWrapper(table.schema().asStruct()).wrap(records.get(0)));
    OutputFileFactory files =
        OutputFileFactory.builderFor(table, 1, 1).format(FileFormat.PARQUET).build();
    GenericFileWriterFactory writers =
        new GenericFileWriterFactory.Builder(table)
            .dataFileFormat(FileFormat.PARQUET)
            .dataSchema(table.schema())
            .build();
    DataWriter<Record> writer =
        writers.newDataWriter(
            files.newOutputFile(table.spec(), partition), table.spec(), partition);
    try (writer) {
      records.forEach(writer::write);
    }
    return writer.toDataFile();
  }

  private static long rows(Table table) {
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      long count = 0;
      for (Record ignored : records) {
        count++;
      }
      return count;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
