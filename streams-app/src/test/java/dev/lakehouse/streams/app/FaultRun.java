package dev.lakehouse.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.iceberg.LakehouseCatalogs;
import dev.lakehouse.ingest.generate.DirectorySink;
import dev.lakehouse.ingest.generate.FoodDeliveryGenerator;
import dev.lakehouse.ingest.generate.GenerationManifest;
import dev.lakehouse.ingest.generate.GeneratorOptions;
import dev.lakehouse.process.ChildJvm;
import dev.lakehouse.process.LakehouseHome;
import dev.lakehouse.stack.LocalStack;
import dev.lakehouse.stack.StackConfig;
import dev.lakehouse.streams.trusted.TrustedOracleCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.kafka.clients.admin.Admin;

/**
 * One fault test's world: a local stack of its own (a fault breaks it, so it is not the JVM's
 * shared one), source files ingested before the app starts, a {@link LiveLoad} until the last
 * fault, and app instances (both stages, the default settings of the stack's settings file) that
 * are restarted when their process ends, as an orchestrator would. Afterwards {@link
 * #assertEveryRecordOnce()}: the raw checks of {@link StreamsAppCrashIT} and the trusted oracle of
 * {@code TrustedCrashIT}.
 */
final class FaultRun implements AutoCloseable {
  static final String COMMIT_LINE = "committed snapshot";
  private static final Path LOGS = Path.of("target", "fault-it-logs");

  final String test;

  /**
   * The stack in this JVM, for faults of one of its servers; null when it runs as a child process.
   */
  final LocalStack stack;

  /** The stack as a child process, for a fault of all of it; null when it runs in this JVM. */
  final ChildStack childStack;

  final Catalog catalog;
  final Admin admin;
  final String appId;
  final String uriPrefix;
  private final Path work;
  private final Path config;
  private final Map<TableIdentifier, Long> baseline;
  private final Map<String, Instance> instances = new LinkedHashMap<>();
  private final List<String> restarts = new ArrayList<>();
  private StreamsAppCrashIT.Expected expected;
  private LiveLoad live;
  private AutoCloseable servers;

  private FaultRun(
      String test,
      Path work,
      LocalStack stack,
      ChildStack childStack,
      Path config,
      Catalog catalog,
      Admin admin,
      String appId,
      String uriPrefix,
      Map<TableIdentifier, Long> baseline,
      StreamsAppCrashIT.Expected expected) {
    this.test = test;
    this.work = work;
    this.stack = stack;
    this.childStack = childStack;
    this.catalog = catalog;
    this.admin = admin;
    this.appId = appId;
    this.uriPrefix = uriPrefix;
    this.config = config;
    this.baseline = baseline;
    this.expected = expected;
  }

  /**
   * Starts the stack in this JVM, generates and ingests {@code orders} orders' files, and starts
   * the live load.
   */
  static FaultRun start(String test, Path work, long seed, int orders, double liveOrdersPerSecond)
      throws Exception {
    LocalStack stack =
        LocalStack.start(
            StackConfig.withFreePorts(work.resolve("stack")), LakehouseHome.fromEnvironment());
    return start(
        test,
        work,
        seed,
        orders,
        liveOrdersPerSecond,
        stack,
        null,
        stack.settings(),
        stack.config().settingsFile(),
        stack);
  }

  /**
   * The same, with the stack as a child process ({@link ChildStack}), which the test may SIGKILL as
   * a whole.
   */
  static FaultRun startOnChildStack(
      String test, Path work, long seed, int orders, double liveOrdersPerSecond) throws Exception {
    ChildStack child =
        ChildStack.start(StackConfig.withFreePorts(work.resolve("stack")), LOGS.resolve(test));
    return start(
        test,
        work,
        seed,
        orders,
        liveOrdersPerSecond,
        null,
        child,
        child.settings(),
        child.config().settingsFile(),
        child);
  }

  private static FaultRun start(
      String test,
      Path work,
      long seed,
      int orders,
      double liveOrdersPerSecond,
      LocalStack stack,
      ChildStack childStack,
      dev.lakehouse.common.settings.LakehouseSettings settings,
      Path settingsFile,
      AutoCloseable servers)
      throws Exception {
    Catalog catalog = null;
    Admin admin = null;
    try {
      String appId = test + "-" + UUID.randomUUID().toString().substring(0, 8);
      Path landing = work.resolve("landing");
      GenerationManifest manifest =
          new FoodDeliveryGenerator(new GeneratorOptions(seed, orders, 0.01))
              .generate(new DirectorySink(landing));
      StreamsAppCrashIT.Expected expected = StreamsAppCrashIT.Expected.of(manifest);
      catalog = LakehouseCatalogs.open(settings);
      admin = Admin.create(Map.of("bootstrap.servers", settings.kafka().bootstrapServers()));
      FreshStart.prepare(settings, admin, catalog, appId);
      Map<TableIdentifier, Long> baseline = StreamsAppCrashIT.totalRecords(catalog);
      StreamsAppCrashIT.ingest(settings, landing, expected);
      String uriPrefix = landing.toUri().toString();
      FaultRun run =
          new FaultRun(
              test,
              work,
              stack,
              childStack,
              settingsFile,
              catalog,
              admin,
              appId,
              uriPrefix,
              baseline,
              expected);
      run.servers = servers;
      run.live =
          LiveLoad.start(
              settings.kafka().bootstrapServers(),
              seed + 1,
              liveOrdersPerSecond,
              uriPrefix + "live-load");
      System.out.printf(
          "%s: app %s, %d source records (%d rows expected before the live load)%n",
          test, appId, expected.sourceRecords(), expected.rows());
      return run;
    } catch (Exception | Error e) {
      if (admin != null) {
        admin.close();
      }
      servers.close();
      throw e;
    }
  }

  /** Starts an instance of the app on a state directory of its own. */
  Instance startInstance(String name) throws IOException {
    Instance instance = new Instance(name, work.resolve("state-" + name));
    instance.launch();
    instances.put(name, instance);
    return instance;
  }

  /**
   * What an orchestrator does: an instance whose process ended (a frozen one has not) is started
   * again, at once if its run had lived 10 s, else 5 s after it ended (a back-off, so that a fault
   * that outlasts start-ups does not spin).
   */
  void watch() {
    for (Instance instance : instances.values()) {
      if (instance.jvm.isAlive()) {
        continue;
      }
      long now = System.nanoTime();
      if (instance.deadSince == 0) {
        instance.deadSince = now;
      }
      boolean shortRun = instance.deadSince - instance.launched < Duration.ofSeconds(10).toNanos();
      if (shortRun && now - instance.deadSince < Duration.ofSeconds(5).toNanos()) {
        continue;
      }
      OptionalInt code;
      try {
        code = instance.jvm.waitFor(Duration.ZERO);
        instance.launch();
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(
            "cannot restart " + instance.name + ": " + e.getMessage(), e);
      }
      String entry =
          instance.name + " exited with " + code + ", restarted (run " + instance.runs + ")";
      restarts.add(entry);
      System.out.println(test + ": " + entry);
      assertThat(restarts).as("restarts by the orchestrator: a crash loop").hasSizeLessThan(30);
    }
  }

  /**
   * Starts a dead instance again now, with none of {@link #watch}'s back-off: for a test that kills
   * it and means to kill the next run during its start-up, whatever the speed of the machine made
   * its last run's length.
   */
  void restartAtOnce(Instance instance) {
    assertThat(instance.jvm.isAlive()).as("%s is dead before its restart", instance.name).isFalse();
    try {
      OptionalInt code = instance.jvm.waitFor(Duration.ZERO);
      instance.launch();
      restarts.add(
          instance.name
              + " exited with "
              + code
              + ", restarted at once (run "
              + instance.runs
              + ")");
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("cannot restart " + instance.name + ": " + e.getMessage(), e);
    }
  }

  List<String> restarts() {
    return List.copyOf(restarts);
  }

  /** Commit lines logged so far by every run of every instance. */
  int commits() {
    return instances.values().stream().mapToInt(Instance::commits).sum();
  }

  /**
   * Waits, restarting dead instances, until some instance logs a commit beyond {@code before};
   * returns the ms from {@code since} (a {@link System#nanoTime()}) to when it was seen.
   */
  long awaitCommitBeyond(int before, long since, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (commits() <= before) {
      watch();
      if (System.nanoTime() > deadline) {
        fail("%s: no commit within %s; logs:%n%s", test, timeout, tails());
      }
      Thread.sleep(100);
    }
    return (System.nanoTime() - since) / 1_000_000;
  }

  /** Waits while instances run, restarting dead ones. */
  void runFor(Duration duration) throws InterruptedException {
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      watch();
      Thread.sleep(Math.min(200, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
    }
  }

  boolean liveLoadRunning() {
    return live.running();
  }

  /** Stops the live load (after the last fault); its records join the expectations. */
  void stopLiveLoad() throws Exception {
    expected = expected.plus(live.stop());
  }

  /**
   * Waits until the tables hold every record (restarting dead instances), then: every source record
   * once in raw and every bad one once in the dead letters (StreamsAppCrashIT's checks), the
   * trusted tables equal to the oracle with every version once (TrustedCrashIT's). Returns the
   * seconds from the call to the raw tables being complete.
   */
  long assertEveryRecordOnce() throws Exception {
    long started = System.nanoTime();
    long deadline = started + Duration.ofMinutes(6).toNanos();
    long written;
    while ((written = StreamsAppCrashIT.rowsWritten(catalog, baseline)) < expected.rows()
        || StreamsAppCrashIT.rowsUnder(catalog, uriPrefix) < expected.rows()) {
      watch();
      if (System.nanoTime() > deadline) {
        fail(
            "%s: the tables gained %d of %d rows (per table %s; expected %s and dead letters %s); "
                + "logs:%n%s",
            test,
            written,
            expected.rows(),
            StreamsAppCrashIT.rowsWrittenPerTable(catalog, baseline),
            expected.good(),
            expected.deadLetters(),
            tails());
      }
      Thread.sleep(2_000);
    }
    long completeSeconds = (System.nanoTime() - started) / 1_000_000_000;
    int orders =
        TrustedOracleCheck.awaitAndAssert(
            config, catalog, uriPrefix, expected.good(), this::watch, Duration.ofMinutes(6));
    StreamsAppCrashIT.assertExactlyOnce(catalog, expected, uriPrefix);
    int events =
        ProcessLogCheck.awaitEveryEventOnce(
            LakehouseSettings.load(config).kafka().bootstrapServers(),
            catalog,
            this::watch,
            Duration.ofMinutes(3));
    System.out.printf(
        "%s: %d source records (%d rows with the dead letters), %d orders in trusted: each once, trusted equal to "
            + "the oracle; %d process events once in the process log; %d restarts by the orchestrator%n",
        test, expected.sourceRecords(), expected.rows(), orders, events, restarts.size());
    return completeSeconds;
  }

  long sourceRecords() {
    return expected.sourceRecords();
  }

  private String tails() {
    StringBuilder out = new StringBuilder();
    instances
        .values()
        .forEach(
            i ->
                out.append("--- ")
                    .append(i.name)
                    .append('\n')
                    .append(i.jvm.logTail(30))
                    .append('\n'));
    return out.toString();
  }

  @Override
  public void close() throws Exception {
    try {
      if (live != null && live.running()) {
        live.stop();
      }
    } finally {
      for (Instance instance : instances.values()) {
        if (instance.frozen) {
          Signals.send(instance.jvm.pid(), "CONT");
        }
        instance.jvm.close();
      }
      admin.close();
      if (catalog instanceof AutoCloseable closeable) {
        closeable.close();
      }
      servers.close();
    }
  }

  /** An app instance: its current process and the commit lines of all its runs. */
  final class Instance {
    final String name;
    private final Path stateDir;
    private ChildJvm jvm;
    private CommitLogWatch log;
    private int earlierCommits;
    private int runs;
    private boolean frozen;
    private long launched;
    private long deadSince;

    private Instance(String name, Path stateDir) {
      this.name = name;
      this.stateDir = stateDir;
    }

    private void launch() throws IOException {
      if (log != null) {
        log.poll();
        earlierCommits += log.commits();
      }
      jvm =
          CrashSupport.startApp(
              config, appId, stateDir, LOGS.resolve(appId).resolve(name + "-run-" + runs + ".log"));
      log = new CommitLogWatch(jvm.logFile(), COMMIT_LINE);
      launched = System.nanoTime();
      deadSince = 0;
      runs++;
    }

    int commits() {
      try {
        log.poll();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return earlierCommits + log.commits();
    }

    ChildJvm jvm() {
      return jvm;
    }

    /** SIGSTOP: the process stays, frozen; the orchestrator sees it alive. */
    void freeze() throws Exception {
      Signals.send(jvm.pid(), "STOP");
      frozen = true;
    }

    void resume() throws Exception {
      Signals.send(jvm.pid(), "CONT");
      frozen = false;
    }

    /** SIGKILL, then the orchestrator's restart happens at the next {@link #watch()}. */
    void kill() throws InterruptedException {
      CrashSupport.sigkill(jvm);
    }
  }
}
