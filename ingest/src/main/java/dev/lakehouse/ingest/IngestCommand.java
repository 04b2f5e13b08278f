package dev.lakehouse.ingest;

import dev.lakehouse.common.settings.SettingsException;
import dev.lakehouse.ingest.file.FileIngestRun;
import dev.lakehouse.ingest.file.IngestOptions;
import dev.lakehouse.ingest.file.IngestSummary;
import dev.lakehouse.ingest.file.RecordLimits;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lakehouse ingest}: source files into Kafka, resumably and exactly once. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description =
        "Publish the records of the source files under a directory or s3:// prefix to Kafka (src.<domain>.<dataset>), "
            + "exactly once: progress is committed in the same transaction as the records, so a restart resumes where the last "
            + "commit ended. Bad lines go to dlq.ingest. Exit code 0 when every file is ingested, 1 when a file needs attention.")
public final class IngestCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "LOCATION",
      description = "A directory or s3://bucket/prefix.")
  String location;

  @Option(names = "--watch", description = "Keep polling the location for new files until stopped.")
  boolean watch;

  @Option(
      names = "--poll-interval",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description = "Seconds between listings with --watch (default: ${DEFAULT-VALUE}).")
  int pollSeconds;

  @Option(
      names = "--ingestor-id",
      paramLabel = "ID",
      defaultValue = "files",
      description =
          "Names this ingestor; its Kafka transactional id is lakehouse-ingest-ID (default: ${DEFAULT-VALUE}).")
  String ingestorId;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      defaultValue = "3",
      description = "Partitions of the topics created when missing (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--batch-records",
      paramLabel = "N",
      defaultValue = "50000",
      description = "Records per Kafka transaction at most (default: ${DEFAULT-VALUE}).")
  int batchRecords;

  @Option(
      names = "--batch-millis",
      paramLabel = "MS",
      defaultValue = "2000",
      description = "Milliseconds per Kafka transaction at most (default: ${DEFAULT-VALUE}).")
  long batchMillis;

  @Option(
      names = "--settle",
      paramLabel = "SECONDS",
      defaultValue = "2",
      description =
          "A local file is read only once its size and modification time have not changed for this long, so a file "
              + "still being copied in is read whole when complete; 0 reads at once (default: ${DEFAULT-VALUE}).")
  double settleSeconds;

  @Option(
      names = "--max-record-bytes",
      paramLabel = "BYTES",
      defaultValue = "786432",
      description =
          "The largest record published; a longer one is a record-too-large dead letter (default: ${DEFAULT-VALUE}).")
  int maxRecordBytes;

  @Option(
      names = "--dead-letter-prefix-bytes",
      paramLabel = "BYTES",
      defaultValue = "65536",
      description =
          "How much of a too-large record its dead letter keeps (default: ${DEFAULT-VALUE}).")
  int deadLetterPrefixBytes;

  @Option(
      names = "--max-key-bytes",
      paramLabel = "BYTES",
      defaultValue = "1024",
      description = "The longest natural key (default: ${DEFAULT-VALUE}).")
  int maxKeyBytes;

  @Option(
      names = "--max-csv-lines",
      paramLabel = "N",
      defaultValue = "16",
      description =
          "The most lines one CSV record may span; a quote still open after that is a dead letter (default: ${DEFAULT-VALUE}).")
  int maxCsvLines;

  @Mixin SettingsOption settings = new SettingsOption();

  public static void main(String[] args) {
    System.exit(new CommandLine(new IngestCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    IngestOptions options;
    try {
      RecordLimits limits =
          new RecordLimits(
              maxRecordBytes,
              deadLetterPrefixBytes,
              maxKeyBytes,
              maxCsvLines,
              RecordLimits.DEFAULTS.maxJsonDepth());
      options =
          new IngestOptions(
              location,
              ingestorId,
              watch,
              Duration.ofSeconds(pollSeconds),
              partitions,
              batchRecords,
              batchMillis,
              limits,
              IngestOptions.settleOfSeconds(settleSeconds));
    } catch (IllegalArgumentException e) {
      System.err.println("lakehouse ingest: " + e.getMessage());
      return 2;
    }
    FileIngestRun run;
    try {
      run = new FileIngestRun(options, settings.load());
    } catch (SettingsException e) {
      System.err.println("lakehouse ingest: " + e.getMessage());
      return 2;
    }
    Thread main = Thread.currentThread();
    Thread hook =
        new Thread(
            () -> {
              run.stop();
              try {
                main.join(30_000);
              } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
              }
            },
            "ingest-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    IngestSummary summary;
    try {
      summary = run.run(System.out, System.console() != null);
    } catch (java.io.IOException e) {
      System.err.println("lakehouse ingest: " + e.getMessage());
      return 1;
    }
    summary.print(System.out);
    return summary.exitCode();
  }
}
