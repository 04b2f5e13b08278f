package dev.lakehouse.cli;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.files.OwnerOnlyFiles;
import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.common.settings.NightlySettings;
import dev.lakehouse.common.settings.StreamsSettings;
import dev.lakehouse.iceberg.LakehouseCatalogs;
import dev.lakehouse.ingest.GeneratedFilesOptions;
import dev.lakehouse.ingest.LiveKafkaSink;
import dev.lakehouse.ingest.file.FileIngestRun;
import dev.lakehouse.ingest.file.IngestOptions;
import dev.lakehouse.ingest.file.IngestSummary;
import dev.lakehouse.ingest.generate.DirectorySink;
import dev.lakehouse.ingest.generate.FoodDeliveryGenerator;
import dev.lakehouse.ingest.generate.GenerationManifest;
import dev.lakehouse.ingest.generate.live.LiveOptions;
import dev.lakehouse.ingest.generate.live.LiveOrderStream;
import dev.lakehouse.process.LakehouseHome;
import dev.lakehouse.stack.LocalStack;
import dev.lakehouse.stack.StackConfig;
import dev.lakehouse.stack.StackStartException;
import dev.lakehouse.streams.app.StreamsApp;
import dev.lakehouse.streams.deadletter.DeadLetterTable;
import dev.lakehouse.streams.raw.RawTableCatalog;
import dev.lakehouse.streams.report.TableReport;
import dev.lakehouse.streams.report.TrustedReport;
import dev.lakehouse.streams.trusted.TrustedTables;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lakehouse demo}: the whole path on the embedded default, in one process: stack, generated
 * files with bad lines, ingest, the Streams app (raw and trusted), a burst of live orders, and a
 * report of what landed. The console is for people: the components' logs go to a file ({@link
 * ComponentLogs}).
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Run the pipeline end to end on the embedded default: start a fresh local stack, generate source files "
            + "(with bad lines), ingest them, run the Streams app, stream live orders for a while, wait until every record has "
            + "landed, and print rows per raw and trusted table, dead letters by reason and freshness. The components' logs go "
            + "to <data-dir>/logs/demo.log. Exit code 0 when every record landed exactly once.")
final class DemoCommand implements Callable<Integer> {
  private static final String MARKER = ".lakehouse-demo";

  /**
   * The file, in the stack's log folder beside s3proxy's, that takes this JVM's log lines: broker,
   * app, clients.
   */
  static final String LOG_FILE = "demo.log";

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Where the demo keeps its stack (emptied at start). Default: .lakehouse-demo in the checkout.")
  Path dataDir;

  @Mixin GeneratedFilesOptions files = new GeneratedFilesOptions(20_000, 42, 0.01);

  @Option(
      names = "--live-seconds",
      paramLabel = "S",
      defaultValue = "20",
      description =
          "Seconds of live orders after the files, for the freshness figures; 0 skips them (default: ${DEFAULT-VALUE}).")
  int liveSeconds;

  @Option(
      names = "--live-rate",
      paramLabel = "N",
      defaultValue = "100",
      description = "Live orders per second (default: ${DEFAULT-VALUE}).")
  double liveRate;

  @Option(
      names = "--timeout",
      paramLabel = "S",
      defaultValue = "300",
      description =
          "Seconds to wait for everything to land before failing (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(
      names = "--nightly",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "End with a nightly run beside the running app, and check the tables after it (default: on; --no-nightly skips it).")
  boolean nightly;

  @Option(
      names = "--keep-running",
      description = "Keep the stack and the Streams app running after the report, until Ctrl-C.")
  boolean keepRunning;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    Path dir =
        dataDir != null
            ? dataDir.toAbsolutePath().normalize()
            : LakehouseHome.fromEnvironment().root().resolve(MARKER);
    if (!prepare(dir)) {
      System.err.println(
          "lakehouse demo: "
              + dir
              + " is not empty and is not a demo directory; choose another --data-dir");
      return 2;
    }
    long started = System.nanoTime();
    StackConfig config = StackConfig.withFreePorts(dir);
    Path log = config.logDir().resolve(LOG_FILE);
    ComponentLogs.sendTo(log);
    out.printf("logs       the components' logs go to %s%n", log);
    LocalStack stack;
    try {
      stack = LocalStack.start(config, LakehouseHome.fromEnvironment());
    } catch (StackStartException e) {
      System.err.println(
          "lakehouse demo: " + e.getMessage() + " (logs in " + config.logDir() + ")");
      return 1;
    }
    try (stack) {
      LakehouseSettings settings = stack.settings();
      out.printf(
          "stack      ready in %.1f s  (kafka %s, s3 %s, data in %s)%n",
          seconds(started),
          settings.kafka().bootstrapServers(),
          settings.s3().endpoint().orElseThrow(),
          dir);

      long phase = System.nanoTime();
      Path landing = dir.resolve("landing");
      GenerationManifest manifest =
          new FoodDeliveryGenerator(files.options()).generate(new DirectorySink(landing));
      DemoExpectations expected = new DemoExpectations(manifest);
      out.printf(
          "generate   %,d orders: %d files, %,d lines (%,d bad) in %.1f s%n",
          files.orders(),
          manifest.files().size(),
          manifest.totalLines(),
          manifest.files().stream().mapToLong(f -> f.totalBadLines()).sum(),
          seconds(phase));

      StreamsSettings streamsSettings =
          StreamsSettings.load(stack.config().settingsFile(), System.getenv())
              .withApplicationId("lakehouse-demo")
              .withHttpPort(0)
              .withStateDir(dir.resolve("streams-state"));
      try (StreamsApp app = StreamsApp.start(settings, streamsSettings, stack.trustedSettings())) {
        out.printf(
            "streams    app %s running, commit interval %d s; metrics on http://localhost:%d/metrics%n",
            streamsSettings.applicationId(),
            streamsSettings.commitInterval().toSeconds(),
            app.httpPort());

        phase = System.nanoTime();
        IngestSummary ingested =
            new FileIngestRun(
                    new IngestOptions(
                            landing.toString(),
                            "demo",
                            false,
                            Duration.ofSeconds(1),
                            3,
                            50_000,
                            1_000)
                        .withSettle(Duration.ZERO), // the generator has finished writing
                    settings)
                .run(new PrintStream(OutputStream.nullOutputStream()), false);
        long ingestDeadLetters =
            ingested.deadLettersByReason().values().stream().mapToLong(Long::longValue).sum();
        out.printf(
            "ingest     %,d records published, %,d lines dead-lettered, in %.1f s%n",
            ingested.published(), ingestDeadLetters, seconds(phase));

        Catalog catalog = LakehouseCatalogs.open(settings);
        phase = System.nanoTime();
        boolean landed = waitForEverything(catalog, expected, app);
        out.printf(
            "%s   the files' records in %.1f s after the ingest ended%n",
            landed ? "landed " : "GAVE UP", seconds(phase));

        long liveFrom = System.currentTimeMillis();
        if (landed && liveSeconds > 0) {
          phase = System.nanoTime();
          LiveOptions live =
              new LiveOptions(
                  files.seed(),
                  liveRate,
                  Math.max(1, Math.round(liveRate * liveSeconds)),
                  Duration.ofSeconds(5));
          LiveKafkaSink sink =
              new LiveKafkaSink(
                  settings.kafka().bootstrapServers(), files.seed(), UUID.randomUUID().toString());
          try {
            new LiveOrderStream(live, Clock.systemUTC()).run(sink);
          } finally {
            sink.close();
          }
          LiveKafkaSink.Delivery delivery = sink.delivery();
          expected.addLive(delivery.acknowledged());
          out.printf(
              "live       %,d records from %,d live orders at %.0f/s in %.1f s%n",
              delivery.acknowledgedTotal(), live.maxOrders(), liveRate, seconds(phase));
          if (delivery.failed() > 0) {
            out.printf(
                "live       %,d sends failed, not in the topics: %s%n",
                delivery.failed(), delivery.firstFailure());
          }
          phase = System.nanoTime();
          landed = waitForEverything(catalog, expected, app);
          out.printf(
              "%s   the live records in %.1f s after the last one%n",
              landed ? "landed " : "GAVE UP", seconds(phase));
        }
        boolean exact =
            new DemoReport(catalog, expected, liveSeconds > 0 ? liveFrom : -1).print(out);
        if (landed && exact && nightly) {
          exact = runNightly(stack, catalog, expected, out);
        }
        if (!(landed && exact)) {
          out.println("what the components logged is in " + log);
        }
        if (keepRunning) {
          out.println(
              "the stack and the Streams app keep running (Ctrl-C to stop); settings in "
                  + stack.config().settingsFile());
          Thread.currentThread().join();
        }
        return landed && exact ? 0 : 1;
      }
    }
  }

  /** The nightly job beside the running app, then the check that it lost and doubled nothing. */
  private static boolean runNightly(
      LocalStack stack, Catalog catalog, DemoExpectations expected, PrintStream out)
      throws Exception {
    NightlyCheck check = new NightlyCheck(catalog);
    out.println();
    out.printf(
        "nightly    every table, beside the running app; Spark's log in %s%n",
        stack.config().logDir().resolve("nightly.log"));
    long phase = System.nanoTime();
    // everything has landed: the checks may compare every source record, none is too recent
    Path settings = stack.config().logDir().resolve("nightly.properties");
    byte[] stackSettings = Files.readAllBytes(stack.config().settingsFile());
    OwnerOnlyFiles.write(
        settings,
        (new String(stackSettings, StandardCharsets.UTF_8)
                + "\n"
                + NightlySettings.VALIDATION_SETTLE
                + "=0s\n")
            .getBytes(StandardCharsets.UTF_8));
    NightlyRun.Result result =
        new NightlyRun(settings, stack.config().logDir(), List.of(), false).run(out);
    out.printf("nightly    exit code %d in %.1f s%n", result.exitCode(), seconds(phase));
    return result.exitCode() == 0 && check.print(expected, out);
  }

  private boolean waitForEverything(Catalog catalog, DemoExpectations expected, StreamsApp app)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
    long rawOrderIds = -1;
    while (System.nanoTime() < deadline) {
      if (app.fatalError() != null) {
        System.err.println("lakehouse demo: " + app.fatalError());
        return false;
      }
      boolean done =
          TableReport.counts(catalog.loadTable(DeadLetterTable.IDENTIFIER)).rows()
              >= expected.totalDeadLetters();
      for (Dataset dataset : Dataset.values()) {
        Table table = catalog.loadTable(RawTableCatalog.identifier(dataset.contract()));
        done &= TableReport.counts(table).rows() >= expected.rows(dataset);
      }
      // then the trusted stage: one current order row per order of raw.order (read every 2 s: the
      // tables are read whole)
      if (done) {
        if (rawOrderIds < 0) {
          rawOrderIds =
              TrustedReport.orderIds(
                      catalog.loadTable(RawTableCatalog.identifier(Dataset.ORDER.contract())))
                  .size();
        }
        // and the writer has caught up with every table (a live phase must not start behind a
        // backlog)
        boolean caughtUp = app.metrics().writerLag().values().stream().allMatch(lag -> lag == 0);
        if (caughtUp && TrustedReport.rows(catalog, TrustedTables.ORDER).orders() >= rawOrderIds) {
          return true;
        }
        Thread.sleep(1_000);
      }
      Thread.sleep(1_000);
    }
    return false;
  }

  /** Empties a demo directory from an earlier run; refuses a directory that holds anything else. */
  private static boolean prepare(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      boolean empty;
      try (Stream<Path> entries = Files.list(dir)) {
        empty = entries.findAny().isEmpty();
      }
      if (!empty && !Files.exists(dir.resolve(MARKER))) {
        return false;
      }
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
          if (!path.equals(dir)) {
            Files.delete(path);
          }
        }
      }
    }
    OwnerOnlyFiles.createDirectories(dir);
    Files.writeString(
        dir.resolve(MARKER),
        "written by ./lakehouse demo, which empties this directory at every start\n");
    return true;
  }

  private static double seconds(long sinceNanos) {
    return (System.nanoTime() - sinceNanos) / 1e9;
  }
}
