package dev.lakehouse.bench.compare;

import dev.lakehouse.bench.BenchSupport;
import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.Topics;
import dev.lakehouse.process.ChildJvm;
import dev.lakehouse.streams.deadletter.DeadLetterTable;
import dev.lakehouse.streams.measure.ProcessLogTable;
import dev.lakehouse.streams.raw.RawTableCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Our raw path: {@code lakehouse streams} as its own JVM (-Xmx1g, default settings, the trusted
 * stage off), into the raw tables. Each run starts as the first one did: no raw tables, no rows
 * topics, a new application id, reading the source topics from their beginning (or from their end,
 * for a freshness run).
 */
final class OursRunner extends TableRunner {

  @Override
  public String name() {
    return "ours";
  }

  @Override
  public String description() {
    return "lakehouse streams (raw path), default settings: 5 s commits";
  }

  @Override
  protected List<TableIdentifier> tables(String label) {
    return Arrays.stream(Dataset.values())
        .map(Dataset::contract)
        .map(RawTableCatalog::identifier)
        .toList();
  }

  @Override
  protected Duration commitInterval() {
    return Duration.ofSeconds(5);
  }

  @Override
  protected ChildJvm start(RunContext context, String label, Path gcLog, boolean fromTheEnd)
      throws Exception {
    for (TableIdentifier id : tables(label)) {
      context.catalog().dropTable(id, true);
    }
    context.catalog().dropTable(DeadLetterTable.IDENTIFIER, true);
    // the process log too: the next run is another application, which owns what it writes
    context.catalog().dropTable(ProcessLogTable.IDENTIFIER, true);
    String appId = "compare-ours-" + label;
    // the writer resumes from its tables, and from the beginning of the rows topics for new tables:
    // earlier
    // runs' rows must go with their tables
    deleteRowsTopics(context);
    if (fromTheEnd) {
      startGroupAtTheEnd(
          context, appId, Arrays.stream(Dataset.values()).map(Dataset::topic).toList());
    }
    Path settingsFile = context.runDir().resolve("ours.properties");
    Files.writeString(
        settingsFile, Files.readString(context.settingsFile()) + "\ntrusted.enabled=false\n");
    List<String> jvmOptions = new ArrayList<>(BenchSupport.appJvmOptions());
    jvmOptions.add(ProcessStats.gcLogOption(gcLog));
    return ChildJvm.start(
        new ChildJvm.Spec(
            "ours-" + label,
            context.home().moduleClasspath("streams-app"),
            jvmOptions,
            "dev.lakehouse.streams.StreamsCommand",
            List.of(
                "--config",
                settingsFile.toString(),
                "--application-id",
                appId,
                "--http-port",
                Integer.toString(BenchSupport.freePort()),
                "--state-dir",
                context.runDir().resolve("streams-state").toString()),
            context.runDir().resolve("streams-app.log")));
  }

  private static void deleteRowsTopics(RunContext context) throws Exception {
    List<String> rowsTopics =
        Arrays.stream(Dataset.values()).map(Dataset::contract).map(Topics::rawRows).toList();
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                context.settings().kafka().bootstrapServers()))) {
      List<String> existing =
          rowsTopics.stream().filter(admin.listTopics().names().get()::contains).toList();
      if (existing.isEmpty()) {
        return;
      }
      admin.deleteTopics(existing).all().get();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (admin.listTopics().names().get().stream().anyMatch(existing::contains)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the rows topics " + existing + " are still there a minute after their deletion");
        }
        Thread.sleep(200);
      }
    }
  }
}
