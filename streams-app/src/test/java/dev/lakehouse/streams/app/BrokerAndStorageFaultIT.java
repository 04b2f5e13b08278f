package dev.lakehouse.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The servers under the app fail while it works: the Kafka broker is stopped for {@value
 * #DOWN_SECONDS} s and started again on the same port and log directory; the S3 server (s3proxy, a
 * child process of the stack) is frozen by SIGSTOP for {@value #DOWN_SECONDS} s right after a
 * commit line (the batch's other tables are committing), then SIGKILLed mid-batch and started again
 * on the same port and data directory {@value #DOWN_SECONDS} s later.
 *
 * <p>Each test has a stack of its own ({@link FaultRun}: the faults would break the JVM's shared
 * one), ingests its files before the app starts, and keeps a {@link LiveLoad} running until the app
 * has committed after the last fault, so every fault lands while work remains, however fast the
 * machine. An instance whose process ends is restarted, as an orchestrator would. Afterwards every
 * source record is once in raw (or once a dead letter) and trusted equals the oracle. The time from
 * the end of a fault to the next Iceberg commit is printed, not asserted.
 */
class BrokerAndStorageFaultIT {
  private static final long SEED = Long.getLong("lakehouse.fault-it.seed", 20261206L);
  private static final int ORDERS = 10_000;
  private static final double LIVE_ORDERS_PER_SECOND = 10;
  private static final int DOWN_SECONDS = 30;
  private static final Duration RECOVERY_FAILSAFE = Duration.ofMinutes(5);

  @Test
  void theBrokerStopsForHalfAMinuteAndComesBack(@TempDir Path work) throws Exception {
    Random random = new Random(SEED);
    try (FaultRun run =
        FaultRun.start("broker-fault", work, SEED, ORDERS, LIVE_ORDERS_PER_SECOND)) {
      run.startInstance("a");
      run.awaitCommitBeyond(0, System.nanoTime(), RECOVERY_FAILSAFE);
      long delay = 500 + random.nextInt(2_001);
      run.runFor(Duration.ofMillis(delay)); // mid-batch
      assertThat(run.liveLoadRunning())
          .as("the live load runs when the broker stops: work remains")
          .isTrue();
      long stopping = System.nanoTime();
      run.stack.stopBroker();
      long stopMillis = (System.nanoTime() - stopping) / 1_000_000;
      run.runFor(Duration.ofSeconds(DOWN_SECONDS));
      run.stack.startBroker();
      long back = System.nanoTime();
      long recover = run.awaitCommitBeyond(run.commits(), back, RECOVERY_FAILSAFE);
      run.stopLiveLoad();
      long drain = run.assertEveryRecordOnce();
      report(
          run,
          String.format(
              "broker stopped %d ms after a commit (its shutdown took %d ms), down %d s, restarted on the same "
                  + "port and log directory",
              delay, stopMillis, DOWN_SECONDS),
          recover,
          drain);
    }
  }

  @Test
  void theS3ServerFreezesMidCommitAndDiesMidBatch(@TempDir Path work) throws Exception {
    Random random = new Random(SEED + 1);
    try (FaultRun run =
        FaultRun.start("s3-fault", work, SEED + 10, ORDERS, LIVE_ORDERS_PER_SECOND)) {
      run.startInstance("a");
      run.awaitCommitBeyond(0, System.nanoTime(), RECOVERY_FAILSAFE);

      // frozen at once after a commit line: the other tables of the batch are being committed
      run.awaitCommitBeyond(run.commits(), System.nanoTime(), RECOVERY_FAILSAFE);
      assertThat(run.liveLoadRunning()).as("the live load runs when S3 freezes").isTrue();
      long frozenPid = run.stack.s3ServerPid();
      Signals.send(frozenPid, "STOP");
      run.runFor(Duration.ofSeconds(DOWN_SECONDS));
      Signals.send(frozenPid, "CONT");
      long thawed = System.nanoTime();
      long recoverFreeze = run.awaitCommitBeyond(run.commits(), thawed, RECOVERY_FAILSAFE);
      System.out.printf(
          "s3-fault: S3 frozen %d s right after a commit line; first commit %d ms after SIGCONT%n",
          DOWN_SECONDS, recoverFreeze);

      // killed mid-batch, started again on the same port and data directory
      long delay = 500 + random.nextInt(2_001);
      run.runFor(Duration.ofMillis(delay));
      assertThat(run.liveLoadRunning()).as("the live load runs when S3 is killed").isTrue();
      long killedPid = run.stack.s3ServerPid();
      Signals.send(killedPid, "KILL");
      ProcessHandle.of(killedPid).ifPresent(p -> p.onExit().orTimeout(30, TimeUnit.SECONDS).join());
      run.runFor(Duration.ofSeconds(DOWN_SECONDS));
      run.stack.restartS3Server();
      long restarted = System.nanoTime();
      long recoverKill = run.awaitCommitBeyond(run.commits(), restarted, RECOVERY_FAILSAFE);
      run.stopLiveLoad();
      long drain = run.assertEveryRecordOnce();
      report(
          run,
          String.format(
              "S3 server SIGSTOPped %d s at once after a commit line (mid-commit), then SIGCONT; first commit "
                  + "%d ms later",
              DOWN_SECONDS, recoverFreeze),
          recoverFreeze,
          drain);
      report(
          run,
          String.format(
              "S3 server SIGKILLed %d ms after a commit (mid-batch), restarted %d s later on the same port and "
                  + "data directory",
              delay, DOWN_SECONDS),
          recoverKill,
          drain);
    }
  }

  /**
   * The whole stack as one child process, SIGKILLed mid-batch: the broker dies without a shutdown
   * (its logs and transaction state are recovered when it starts again), and the S3 server with it.
   * Restarted 30 s later on the same ports and data directory; the app instances fail meanwhile and
   * are restarted as an orchestrator would.
   */
  @Test
  void theWholeStackIsKilledMidBatchAndComesBack(@TempDir Path work) throws Exception {
    Random random = new Random(SEED + 2);
    try (FaultRun run =
        FaultRun.startOnChildStack("stack-kill", work, SEED + 20, ORDERS, LIVE_ORDERS_PER_SECOND)) {
      run.startInstance("a");
      run.awaitCommitBeyond(0, System.nanoTime(), RECOVERY_FAILSAFE);
      long delay = 500 + random.nextInt(2_001);
      run.runFor(Duration.ofMillis(delay)); // mid-batch
      assertThat(run.liveLoadRunning())
          .as("the live load runs when the stack is killed: work remains")
          .isTrue();
      run.childStack.kill();
      run.runFor(Duration.ofSeconds(DOWN_SECONDS));
      run.childStack.restart();
      long back = System.nanoTime();
      long recover = run.awaitCommitBeyond(run.commits(), back, RECOVERY_FAILSAFE);
      run.stopLiveLoad();
      long drain = run.assertEveryRecordOnce();
      report(
          run,
          String.format(
              "the whole stack (broker and S3 server, one process) SIGKILLed %d ms after a commit (mid-batch), "
                  + "restarted %d s later on the same ports and data directory",
              delay, DOWN_SECONDS),
          recover,
          drain);
    }
  }

  static void report(FaultRun run, String fault, long recoverMillis, long drainSeconds) {
    System.out.printf(
        "%s: FAULT | %s | %d source records + live load, raw once, trusted = oracle | 0 lost | 0 doubled | first "
            + "commit %d ms after the fault ended; tables complete %d s after the live load stopped; restarts %s%n",
        run.test, fault, run.sourceRecords(), recoverMillis, drainSeconds, run.restarts());
  }
}
