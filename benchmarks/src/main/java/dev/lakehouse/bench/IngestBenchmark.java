package dev.lakehouse.bench;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.ingest.file.FileIngestRun;
import dev.lakehouse.ingest.file.IngestOptions;
import dev.lakehouse.ingest.file.IngestSummary;
import dev.lakehouse.ingest.generate.DirectorySink;
import dev.lakehouse.ingest.generate.FoodDeliveryGenerator;
import dev.lakehouse.ingest.generate.GenerationManifest;
import dev.lakehouse.ingest.generate.GeneratorOptions;
import dev.lakehouse.process.LakehouseHome;
import dev.lakehouse.stack.LocalStack;
import dev.lakehouse.stack.StackConfig;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Records/s and MB/s of the file ingestor into the local broker, against a baseline measured in the
 * same process on the same files: a plain (non-transactional) producer that gunzips the files and
 * sends each line as it is, with no parsing, validation, keys, headers or progress. Runs alternate
 * (baseline, ours, baseline, ours, …) and the report gives the median of each and their ratio.
 */
final class IngestBenchmark {
  private IngestBenchmark() {}

  static int run(String[] args) throws Exception {
    long orders = 1_000_000;
    int runs = 3;
    Path work = Path.of("benchmarks/target/ingest-work");
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--orders" -> orders = Long.parseLong(args[i + 1]);
        case "--runs" -> runs = Integer.parseInt(args[i + 1]);
        case "--work" -> work = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    PrintStream out = System.out;
    Path data = work.resolve("data-" + orders);
    GenerationManifest manifest;
    if (!Files.exists(data.resolve("_manifest.json"))) {
      out.printf("generating %,d orders into %s…%n", orders, data);
      long started = System.nanoTime();
      manifest =
          new FoodDeliveryGenerator(new GeneratorOptions(1, orders, 0.0))
              .generate(new DirectorySink(data));
      out.printf(
          "generated %,d lines in %.1f s%n",
          manifest.totalLines(), (System.nanoTime() - started) / 1e9);
    }
    long sourceBytes;
    try (Stream<Path> files = Files.list(data)) {
      sourceBytes =
          files
              .filter(p -> Dataset.forFileName(p.getFileName().toString()).isPresent())
              .mapToLong(p -> p.toFile().length())
              .sum();
    }
    Path stackDir = work.resolve("stack-" + UUID.randomUUID());
    try (LocalStack stack =
        LocalStack.start(StackConfig.withFreePorts(stackDir), LakehouseHome.fromEnvironment())) {
      String bootstrap = stack.settings().kafka().bootstrapServers();
      List<double[]> baseline = new ArrayList<>();
      List<double[]> ours = new ArrayList<>();
      for (int run = 0; run < runs; run++) {
        baseline.add(baselineRun(bootstrap, data, run));
        out.printf(
            "run %d baseline: %,.0f records/s%n", run, baseline.get(run)[0] / baseline.get(run)[1]);
        IngestOptions options =
            new IngestOptions(
                data.toString(),
                "bench-" + run + "-" + UUID.randomUUID(),
                false,
                Duration.ofSeconds(10),
                3,
                50_000,
                2_000);
        IngestSummary summary =
            new FileIngestRun(options, resetIngestTopics(stack))
                .run(new PrintStream(new ByteArrayOutputStream()), false);
        double seconds = summary.elapsedNanos() / 1e9;
        ours.add(new double[] {summary.published(), seconds});
        out.printf("run %d ours:     %,.0f records/s%n", run, summary.published() / seconds);
      }
      double baseRate = median(baseline.stream().mapToDouble(r -> r[0] / r[1]).toArray());
      double ourRate = median(ours.stream().mapToDouble(r -> r[0] / r[1]).toArray());
      double ourSeconds = median(ours.stream().mapToDouble(r -> r[1]).toArray());
      out.println();
      out.printf(
          "dataset: %,d records, %.1f MB of gzip source (%s)%n",
          (long) ours.get(0)[0], sourceBytes / 1e6, data);
      out.printf(
          "baseline (plain producer, no parsing):  median %,.0f records/s  (runs: %s)%n",
          baseRate, rates(baseline));
      out.printf(
          "ours (lakehouse ingest, exactly once):  median %,.0f records/s, %.1f MB/s of source  (runs: %s)%n",
          ourRate, sourceBytes / ourSeconds / 1e6, rates(ours));
      out.printf("ratio ours/baseline: %.2f%n", ourRate / baseRate);
    }
    BenchSupport.deleteTree(stackDir);
    return 0;
  }

  /**
   * Progress is kept per file URI: each measured run starts from empty ingest topics, so it ingests
   * every file again.
   */
  private static dev.lakehouse.common.settings.LakehouseSettings resetIngestTopics(LocalStack stack)
      throws Exception {
    try (Admin admin =
        Admin.create(Map.of("bootstrap.servers", stack.settings().kafka().bootstrapServers()))) {
      var names = admin.listTopics().names().get();
      List<String> delete =
          names.stream()
              .filter(
                  n ->
                      n.startsWith("src.")
                          || n.startsWith("dlq.")
                          || n.startsWith("_lakehouse.ingest"))
              .toList();
      if (!delete.isEmpty()) {
        admin.deleteTopics(delete).all().get();
        while (admin.listTopics().names().get().stream().anyMatch(delete::contains)) {
          Thread.sleep(200);
        }
      }
    }
    return stack.settings();
  }

  private static double[] baselineRun(String bootstrap, Path data, int run) throws Exception {
    String topic = "bench.baseline." + run;
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
    }
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.LINGER_MS_CONFIG,
            10,
            ProducerConfig.BATCH_SIZE_CONFIG,
            512 * 1024,
            ProducerConfig.BUFFER_MEMORY_CONFIG,
            128L * 1024 * 1024,
            ProducerConfig.COMPRESSION_TYPE_CONFIG,
            "lz4");
    long records = 0;
    long started = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        Stream<Path> files = Files.list(data)) {
      for (Path file :
          files
              .filter(p -> Dataset.forFileName(p.getFileName().toString()).isPresent())
              .sorted()
              .toList()) {
        try (InputStream in =
            new GZIPInputStream(
                new BufferedInputStream(Files.newInputStream(file), 1 << 16), 1 << 16)) {
          records += sendLines(producer, topic, in);
        }
      }
      producer.flush();
    }
    return new double[] {records, (System.nanoTime() - started) / 1e9};
  }

  private static long sendLines(
      KafkaProducer<byte[], byte[]> producer, String topic, InputStream in) throws Exception {
    byte[] buffer = new byte[1 << 16];
    ByteArrayOutputStream line = new ByteArrayOutputStream(2048);
    long count = 0;
    int read;
    while ((read = in.read(buffer)) > 0) {
      int start = 0;
      for (int i = 0; i < read; i++) {
        if (buffer[i] == '\n') {
          line.write(buffer, start, i - start);
          producer.send(new ProducerRecord<>(topic, line.toByteArray()));
          line.reset();
          count++;
          start = i + 1;
        }
      }
      line.write(buffer, start, read - start);
    }
    return count;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String rates(List<double[]> runs) {
    return String.join(", ", runs.stream().map(r -> String.format("%,.0f", r[0] / r[1])).toList());
  }
}
