package dev.lakehouse.bench;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.ingest.generate.DirectorySink;
import dev.lakehouse.ingest.generate.FoodDeliveryGenerator;
import dev.lakehouse.ingest.generate.GeneratorOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the Streams app benchmarks share: their options and data, the app's JVM options, the read
 * baseline, ports and clocks.
 */
public final class BenchSupport {
  private BenchSupport() {}

  /** The options of {@code benchmarks/run raw|trusted}. */
  record AppBenchOptions(long orders, int liveSeconds, double liveRate, Path work) {
    static AppBenchOptions parse(String[] args) {
      long orders = 1_000_000;
      int liveSeconds = 60;
      double liveRate = 1_000;
      Path work = Path.of("benchmarks/target/ingest-work");
      for (int i = 0; i < args.length; i += 2) {
        switch (args[i]) {
          case "--orders" -> orders = Long.parseLong(args[i + 1]);
          case "--live-seconds" -> liveSeconds = Integer.parseInt(args[i + 1]);
          case "--live-rate" -> liveRate = Double.parseDouble(args[i + 1]);
          case "--work" -> work = Path.of(args[i + 1]);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      return new AppBenchOptions(orders, liveSeconds, liveRate, work);
    }

    /**
     * The generated files of this many orders (made once, kept under the work directory), without
     * bad lines.
     */
    Path data(PrintStream out) throws IOException {
      return generatedData(work, orders, out);
    }
  }

  /**
   * A new directory for this run's local stack under {@code work}, named {@code
   * <kind>-stack-<uuid>}, after removing the stack directories earlier runs left there (a compare
   * run leaves gigabytes of topics and files; the latest is kept for its logs until the next run).
   * Run one benchmark at a time.
   */
  public static Path freshStackDir(Path work, String kind, PrintStream out) throws IOException {
    if (Files.isDirectory(work)) {
      try (Stream<Path> entries = Files.list(work)) {
        for (Path earlier :
            entries
                .filter(p -> Files.isDirectory(p) && p.getFileName().toString().contains("-stack-"))
                .toList()) {
          deleteTree(earlier);
          out.println("removed the stack directory of an earlier run: " + earlier);
        }
      }
    }
    return work.resolve(kind + "-stack-" + UUID.randomUUID());
  }

  /** Deletes {@code root} and everything under it, when it exists. */
  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /**
   * The generated files of {@code orders} orders (seed 1, no bad lines), made once under {@code
   * work} and reused.
   */
  public static Path generatedData(Path work, long orders, PrintStream out) throws IOException {
    Path data = work.resolve("data-" + orders);
    if (!Files.exists(data.resolve("_manifest.json"))) {
      out.printf("generating %,d orders into %s…%n", orders, data);
      new FoodDeliveryGenerator(new GeneratorOptions(1, orders, 0.0))
          .generate(new DirectorySink(data));
    }
    return data;
  }

  /**
   * Samples the heap ({@link HeapSampler#INTERVAL}) on a thread of its own until interrupted
   * (during a live phase). The stop is a flag, not the interrupt status alone: a sample (an HTTP
   * request) may swallow the interrupt.
   */
  static Thread sampleInTheBackground(HeapSampler heap) {
    Thread sampler =
        new Thread("heap-sampler") {
          private volatile boolean stopped;

          @Override
          public void interrupt() {
            stopped = true;
            super.interrupt();
          }

          @Override
          public void run() {
            while (!stopped) {
              heap.sample();
              try {
                Thread.sleep(1_000);
              } catch (InterruptedException e) {
                return;
              }
            }
          }
        };
    sampler.start();
    return sampler;
  }

  /**
   * The JVM options of every process a benchmark measures: those {@code ./lakehouse} starts the app
   * with (1 GiB heap, G1 with 4 MB regions), so that runners differ by their code, not by their
   * collector.
   */
  public static final List<String> MEASURED_JVM_OPTIONS =
      List.of("-Xmx1g", "-XX:+UseG1GC", "-XX:G1HeapRegionSize=4m");

  /** {@link #MEASURED_JVM_OPTIONS} followed by {@code more}. */
  public static List<String> measuredJvmOptions(String... more) {
    List<String> options = new ArrayList<>(MEASURED_JVM_OPTIONS);
    options.addAll(List.of(more));
    return options;
  }

  /**
   * {@link #MEASURED_JVM_OPTIONS}, plus $BENCH_APP_JAVA_OPTS (e.g. a flight recording) when set.
   */
  /**
   * Starts the Streams app in its own JVM on {@code settingsFile}, its state and log under {@code
   * stackDir}, its metrics on {@code httpPort}.
   */
  static dev.lakehouse.process.ChildJvm startApp(
      Path settingsFile, String applicationId, int httpPort, Path stackDir) throws IOException {
    return dev.lakehouse.process.ChildJvm.start(
        new dev.lakehouse.process.ChildJvm.Spec(
            "streams-app",
            dev.lakehouse.process.LakehouseHome.fromEnvironment().moduleClasspath("streams-app"),
            appJvmOptions(),
            "dev.lakehouse.streams.StreamsCommand",
            List.of(
                "--config",
                settingsFile.toString(),
                "--application-id",
                applicationId,
                "--http-port",
                Integer.toString(httpPort),
                "--state-dir",
                stackDir.resolve("streams-state").toString()),
            stackDir.resolve("streams-app.log")));
  }

  public static List<String> appJvmOptions() {
    List<String> options = new ArrayList<>(MEASURED_JVM_OPTIONS);
    String extra = System.getenv("BENCH_APP_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      options.addAll(List.of(extra.trim().split("\\s+")));
    }
    return options;
  }

  /**
   * A plain read_committed consumer (no group, 5,000 records per poll) assigned every partition of
   * every source topic, positioned at their beginning.
   */
  public static KafkaConsumer<byte[], byte[]> sourceTopicsFromTheBeginning(String bootstrap) {
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5_000),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (Dataset dataset : Dataset.values()) {
      consumer
          .partitionsFor(dataset.topic())
          .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }

  /**
   * Reads every source topic to its end with a plain read_committed consumer: records, seconds and
   * value bytes.
   */
  public static double[] readAll(String bootstrap) {
    try (KafkaConsumer<byte[], byte[]> consumer = sourceTopicsFromTheBeginning(bootstrap)) {
      List<TopicPartition> partitions = List.copyOf(consumer.assignment());
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long started = System.nanoTime();
      long records = 0;
      long bytes = 0;
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          records++;
          bytes += record.serializedValueSize();
        }
      }
      return new double[] {records, (System.nanoTime() - started) / 1e9, bytes};
    }
  }

  public static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static double seconds(long sinceNanos) {
    return (System.nanoTime() - sinceNanos) / 1e9;
  }
}
