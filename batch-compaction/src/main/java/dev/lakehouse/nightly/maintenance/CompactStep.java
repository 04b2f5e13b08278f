package dev.lakehouse.nightly.maintenance;

import dev.lakehouse.common.lake.LakeMarks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.actions.RewriteDataFiles;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.spark.actions.RewriteDataFilesSparkAction;
import org.apache.iceberg.spark.actions.SparkActions;
import org.apache.iceberg.util.PropertyUtil;

/**
 * Rewrites a table's small files into files of the table's target size ({@code
 * write.target-file-size-bytes}, Iceberg's 512 MB when unset), applying the delete files the
 * consolidation wrote. A table whose {@link LakeMarks#COMPACTION_STRATEGY} is {@value
 * LakeMarks#SORT} is sorted by its sort order on the way, the others are bin-packed.
 *
 * <p>Beside the live stream: a rewrite only replaces the files it read, so the writer's appends
 * that land meanwhile are no conflict; each partition's group commits on its own (partial
 * progress), so a group that still loses a race loses only itself, and the step reports {@link
 * StepStatus#PARTIAL}.
 */
final class CompactStep implements MaintenanceStep {
  /** Commits per table: one lost race costs at most a tenth of the work. */
  static final int MAX_COMMITS = 10;

  private final MaintenanceContext context;

  CompactStep(MaintenanceContext context) {
    this.context = context;
  }

  @Override
  public String name() {
    return "compact";
  }

  @Override
  public StepOutcome run(TableIdentifier id, Table table, TableShape before) {
    long target =
        PropertyUtil.propertyAsLong(
            table.properties(),
            TableProperties.WRITE_TARGET_FILE_SIZE_BYTES,
            TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT);
    int minInputFiles = context.settings().minInputFiles();
    boolean sort =
        LakeMarks.SORT.equals(table.properties().get(LakeMarks.COMPACTION_STRATEGY))
            && !table.sortOrder().isUnsorted();
    String strategy =
        sort
            ? "sorted by "
                + table.sortOrder().fields().stream()
                    .map(field -> table.schema().findColumnName(field.sourceId()))
                    .collect(java.util.stream.Collectors.joining(", "))
            : "bin-packed";
    CompactionCandidates candidates =
        CompactionCandidates.of(dataFiles(table), target, minInputFiles);
    if (candidates.files() == 0) {
      return StepOutcome.of(
          StepStatus.NOTHING_TO_DO,
          "no partition has " + minInputFiles + " files to merge or a file with deletes");
    }
    if (context.dryRun()) {
      return StepOutcome.of(
              StepStatus.PLANNED,
              "would rewrite "
                  + candidates.files()
                  + " file(s) in "
                  + candidates.partitions()
                  + " partition(s) ("
                  + strategy
                  + ", target "
                  + Sizes.readable(target)
                  + ")")
          .with("candidateFiles", candidates.files())
          .with("candidateBytes", candidates.bytes())
          .with("targetFileBytes", target);
    }
    RewriteDataFilesSparkAction action = SparkActions.get(context.spark()).rewriteDataFiles(table);
    action = sort ? action.sort() : action.binPack();
    RewriteDataFiles.Result result =
        action
            .option(RewriteDataFiles.TARGET_FILE_SIZE_BYTES, Long.toString(target))
            .option("min-input-files", Integer.toString(minInputFiles))
            .option("delete-file-threshold", "1")
            .option(RewriteDataFiles.REMOVE_DANGLING_DELETES, "true")
            .option(RewriteDataFiles.PARTIAL_PROGRESS_ENABLED, "true")
            .option(RewriteDataFiles.PARTIAL_PROGRESS_MAX_COMMITS, Integer.toString(MAX_COMMITS))
            .execute();
    StepStatus status = result.failedDataFilesCount() > 0 ? StepStatus.PARTIAL : StepStatus.DONE;
    String summary =
        "rewrote "
            + result.rewrittenDataFilesCount()
            + " file(s) into "
            + result.addedDataFilesCount()
            + " ("
            + strategy
            + ", target "
            + Sizes.readable(target)
            + ")"
            + (result.failedDataFilesCount() > 0
                ? "; " + result.failedDataFilesCount() + " file(s) lost to concurrent commits"
                : "");
    return StepOutcome.of(status, summary)
        .with("rewrittenFiles", result.rewrittenDataFilesCount())
        .with("addedFiles", result.addedDataFilesCount())
        .with("rewrittenBytes", result.rewrittenBytesCount())
        .with("failedFiles", result.failedDataFilesCount())
        .with("removedDeleteFiles", result.removedDeleteFilesCount())
        .with("targetFileBytes", target);
  }

  private static List<DataFileFacts> dataFiles(Table table) {
    List<DataFileFacts> files = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        files.add(
            new DataFileFacts(
                task.file().specId() + "/" + task.file().partition(),
                task.file().fileSizeInBytes(),
                task.deletes().size()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }
}
