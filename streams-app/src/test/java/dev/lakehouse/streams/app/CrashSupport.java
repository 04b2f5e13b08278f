package dev.lakehouse.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.process.ChildJvm;
import dev.lakehouse.process.LakehouseHome;
import dev.lakehouse.streams.StreamsCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;

/** The Streams app as a child JVM, killed and cleaned up after: what the crash tests share. */
public final class CrashSupport {
  /**
   * C1 only and the serial collector: every kill means a cold JVM, and on two cores a C2-compiling
   * one needs half a minute to reach speed, a C1-only one a few seconds.
   */
  public static final List<String> JVM_OPTIONS =
      List.of("-Xms1g", "-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private static final String WRITER_GROUP_SUFFIX = "-iceberg-writer";

  private CrashSupport() {}

  public static ChildJvm startApp(Path config, String appId, Path stateDir, Path log)
      throws IOException {
    return ChildJvm.start(
        new ChildJvm.Spec(
            "streams " + log.getFileName(),
            LakehouseHome.fromEnvironment().moduleClasspath("streams-app"),
            JVM_OPTIONS,
            StreamsCommand.class.getName(),
            List.of(
                "--config",
                config.toString(),
                "--application-id",
                appId,
                "--http-port",
                "0",
                "--state-dir",
                stateDir.toString()),
            log));
  }

  public static void sigkill(ChildJvm app) throws InterruptedException {
    ProcessHandle.of(app.pid()).ifPresent(ProcessHandle::destroyForcibly);
    assertThat(app.waitFor(Duration.ofSeconds(30))).as("the killed app is gone").isPresent();
  }

  /**
   * What the brokers do by themselves some time after a SIGKILL, done at once: the dead instance's
   * group members are removed (else their sessions expire after 45 s) and its open transactions are
   * fenced, which aborts them (else they time out after Kafka Streams' 10 s; a stateless app gets a
   * new transactional id at each start, so the next instance does not fence them). Returns the
   * transactions fenced.
   */
  public static int clearAfterKill(Admin admin, String appId) throws Exception {
    for (String group : List.of(appId, appId + WRITER_GROUP_SUFFIX)) {
      try {
        admin
            .removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions())
            .all()
            .get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // no members: the run died before it joined
      }
    }
    List<String> open =
        admin
            .listTransactions(
                new ListTransactionsOptions().filterStates(List.of(TransactionState.ONGOING)))
            .all()
            .get(30, TimeUnit.SECONDS)
            .stream()
            .map(TransactionListing::transactionalId)
            .filter(id -> id.startsWith(appId + "-"))
            .toList();
    if (!open.isEmpty()) {
      admin.fenceProducers(open).all().get(30, TimeUnit.SECONDS);
    }
    return open.size();
  }

  public static void sleepWhileAlive(ChildJvm app, long millis) throws InterruptedException {
    assertThat(app.waitFor(Duration.ofMillis(millis)))
        .as("the app ended by itself; log:%n%s", app.logTail(40))
        .isEmpty();
  }
}
