package dev.lakehouse.nightly;

import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.common.settings.SettingsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly job's entry point. Today: compaction of the given tables; maintenance, validation,
 * the measure job and the views join it in later steps. Exit code 0 on success, 2 on bad arguments,
 * 1 on failure.
 */
public final class NightlyJob {
  private static final Logger LOG = LoggerFactory.getLogger(NightlyJob.class);

  private NightlyJob() {}

  public static void main(String[] args) {
    NightlyOptions options;
    LakehouseSettings settings;
    try {
      options = NightlyOptions.parse(args);
      settings = LakehouseSettings.load(options.config());
    } catch (IllegalArgumentException | SettingsException e) {
      System.err.println("nightly: " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      List<CompactionResult> results = run(options, settings);
      String json =
          "[" + String.join(",", results.stream().map(CompactionResult::toJson).toList()) + "]";
      if (options.report().isPresent()) {
        Files.writeString(options.report().get(), json, StandardCharsets.UTF_8);
      }
      System.out.println("nightly: done " + json);
      System.exit(0);
    } catch (RuntimeException | IOException e) {
      LOG.error("nightly job failed", e);
      System.exit(1);
    }
  }

  static List<CompactionResult> run(NightlyOptions options, LakehouseSettings settings) {
    List<CompactionResult> results = new ArrayList<>();
    try (SparkSession spark = SparkSessions.open(settings, options.master())) {
      TableCompactor compactor = new TableCompactor(spark, settings.catalog().name());
      for (String table : options.tables()) {
        long started = System.nanoTime();
        CompactionResult result = compactor.compact(table);
        LOG.info(
            "compacted {}: {} -> {} data files ({} rewritten, {} added, {} bytes) in {} ms",
            table,
            result.dataFilesBefore(),
            result.dataFilesAfter(),
            result.rewrittenDataFiles(),
            result.addedDataFiles(),
            result.rewrittenBytes(),
            (System.nanoTime() - started) / 1_000_000);
        results.add(result);
      }
    }
    return results;
  }
}
