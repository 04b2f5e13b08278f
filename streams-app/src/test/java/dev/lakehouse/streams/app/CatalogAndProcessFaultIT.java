package dev.lakehouse.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog and the app's own processes fail while it works ({@link FaultRun}: a stack of its
 * own, a live load until the last fault, an orchestrator's restarts, and afterwards every source
 * record once in raw and trusted equal to the oracle):
 *
 * <ul>
 *   <li>another connection holds the SQLite catalog's write lock ({@code BEGIN EXCLUSIVE}) for
 *       {@value #LOCK_SECONDS} s, past the catalog's 30 s busy timeout, from at once after a commit
 *       line;
 *   <li>a live zombie: of two instances, one is frozen (SIGSTOP) for {@value #FREEZE_SECONDS} s,
 *       past the 10 s session timeout, while the other takes its partitions and commits; then it is
 *       resumed (SIGCONT) and must be fenced; no one removes its group members or fences its
 *       transactions, the broker's expiry does;
 *   <li>both stages at the default settings, SIGKILLed {@value #KILLS} times (mid-startup, at once
 *       after a commit line, mid-batch) and restarted at once, with no help to the broker either:
 *       StreamsAppCrashIT runs the raw stage alone at non-default settings, TrustedCrashIT both
 *       stages at a 3 s commit interval without the raw exactly-once check.
 * </ul>
 */
class CatalogAndProcessFaultIT {
  private static final long SEED = Long.getLong("lakehouse.fault-it.seed", 20261206L);
  private static final int ORDERS = 10_000;
  private static final double LIVE_ORDERS_PER_SECOND = 10;
  private static final int LOCK_SECONDS = 45;
  private static final int FREEZE_SECONDS = 30;
  private static final int KILLS = 6;
  private static final Duration FAILSAFE = Duration.ofMinutes(5);

  @Test
  void theCatalogIsLockedPastItsBusyTimeout(@TempDir Path work) throws Exception {
    try (FaultRun run =
        FaultRun.start("catalog-lock", work, SEED + 20, ORDERS, LIVE_ORDERS_PER_SECOND)) {
      run.startInstance("a");
      run.awaitCommitBeyond(0, System.nanoTime(), FAILSAFE);
      run.awaitCommitBeyond(run.commits(), System.nanoTime(), FAILSAFE);
      assertThat(run.liveLoadRunning())
          .as("the live load runs when the catalog is locked")
          .isTrue();
      String url = "jdbc:sqlite:" + run.stack.config().catalogDb();
      long released;
      try (Connection lock = DriverManager.getConnection(url);
          Statement holder = lock.createStatement()) {
        holder.execute("BEGIN EXCLUSIVE");
        assertLocked(url);
        run.runFor(Duration.ofSeconds(LOCK_SECONDS));
        holder.execute("ROLLBACK");
        released = System.nanoTime();
      }
      long recover = run.awaitCommitBeyond(run.commits(), released, FAILSAFE);
      run.stopLiveLoad();
      long drain = run.assertEveryRecordOnce();
      BrokerAndStorageFaultIT.report(
          run,
          String.format(
              "catalog's SQLite write lock held by another connection (BEGIN EXCLUSIVE) "
                  + "%d s from at once after a commit line, past the 30 s busy timeout",
              LOCK_SECONDS),
          recover,
          drain);
    }
  }

  /** A writer other than the holder cannot take the lock: the fault is real. */
  private static void assertLocked(String url) throws SQLException {
    try (Connection other = DriverManager.getConnection(url);
        Statement statement = other.createStatement()) {
      statement.execute("PRAGMA busy_timeout = 0");
      assertThatThrownBy(() -> statement.execute("BEGIN IMMEDIATE"))
          .as("a second writer while the lock is held")
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("locked");
    }
  }

  @Test
  void aFrozenInstanceIsFencedWhenItWakes(@TempDir Path work) throws Exception {
    Random random = new Random(SEED + 2);
    try (FaultRun run = FaultRun.start("zombie", work, SEED + 30, ORDERS, LIVE_ORDERS_PER_SECOND)) {
      FaultRun.Instance zombie = run.startInstance("a");
      FaultRun.Instance survivor = run.startInstance("b");
      long deadline = System.nanoTime() + FAILSAFE.toNanos();
      while (zombie.commits() == 0 || survivor.commits() == 0) {
        assertThat(System.nanoTime()).as("both instances commit").isLessThan(deadline);
        run.runFor(Duration.ofMillis(200));
      }
      long delay = 500 + random.nextInt(2_001);
      run.runFor(Duration.ofMillis(delay)); // mid-batch
      assertThat(run.liveLoadRunning()).as("the live load runs when an instance freezes").isTrue();
      CommitLogWatch takeovers = new CommitLogWatch(survivor.jvm().logFile(), "resumes at offset");
      takeovers.poll();
      int takenBefore = takeovers.commits();
      int survivorBefore = survivor.commits();
      zombie.freeze();
      run.runFor(Duration.ofSeconds(FREEZE_SECONDS));
      takeovers.poll();
      int taken = takeovers.commits() - takenBefore;
      int survivorCommits = survivor.commits() - survivorBefore;
      assertThat(survivorCommits).as("commits of b while a was frozen").isPositive();
      assertThat(taken).as("partitions b's writer took over while a was frozen").isPositive();
      int zombieBefore = zombie.commits();
      // the committer logs "table T: <verdict> for writer W" for every batch it refuses
      // (ALREADY_COMMITTED, CONFLICT)
      CommitLogWatch refusals = new CommitLogWatch(zombie.jvm().logFile(), " for writer ");
      CommitLogWatch fenced = new CommitLogWatch(zombie.jvm().logFile(), "is being fenced");
      refusals.poll();
      fenced.poll();
      int refusedBefore = refusals.commits();
      int fencedBefore = fenced.commits();
      zombie.resume();
      long resumed = System.nanoTime();
      long recover = run.awaitCommitBeyond(run.commits(), resumed, FAILSAFE);
      run.runFor(Duration.ofSeconds(15)); // the zombie's late batch, if any, meets the table
      refusals.poll();
      fenced.poll();
      System.out.printf(
          "zombie: a frozen %d ms after a commit for %d s; b took %d partitions and committed %d times meanwhile; "
              + "in 15 s after SIGCONT a logged %d fenced stream threads, %d refused table batches and %d commits%n",
          delay,
          FREEZE_SECONDS,
          taken,
          survivorCommits,
          fenced.commits() - fencedBefore,
          refusals.commits() - refusedBefore,
          zombie.commits() - zombieBefore);
      run.stopLiveLoad();
      long drain = run.assertEveryRecordOnce();
      BrokerAndStorageFaultIT.report(
          run,
          String.format(
              "live zombie: instance a SIGSTOPped %d s (session timeout 10 s) while b took "
                  + "%d partitions and committed %d times, then SIGCONT",
              FREEZE_SECONDS, taken, survivorCommits),
          recover,
          drain);
    }
  }

  @Test
  void bothStagesAtTheDefaultsKilledAgainAndAgain(@TempDir Path work) throws Exception {
    Random random = new Random(SEED + 3);
    List<String> timeline = new ArrayList<>();
    List<Long> recoveries = new ArrayList<>();
    try (FaultRun run = FaultRun.start("kills", work, SEED + 40, ORDERS, LIVE_ORDERS_PER_SECOND)) {
      FaultRun.Instance app = run.startInstance("a");
      String[] moments = {
        "after-commit", "startup", "mid-batch", "after-commit", "startup", "mid-batch"
      };
      for (int kill = 0; kill < KILLS; kill++) {
        String moment = moments[kill % moments.length];
        String detail;
        switch (moment) {
          case "startup" -> {
            long delay = 2_000 + random.nextInt(3_001);
            run.runFor(Duration.ofMillis(delay));
            detail = delay + " ms after the restart";
          }
          case "after-commit" -> {
            run.awaitCommitBeyond(run.commits(), System.nanoTime(), FAILSAFE);
            detail = "at once after a commit line";
          }
          default -> {
            run.awaitCommitBeyond(run.commits(), System.nanoTime(), FAILSAFE);
            long delay = 500 + random.nextInt(2_501);
            run.runFor(Duration.ofMillis(delay));
            detail = delay + " ms after a commit";
          }
        }
        assertThat(app.jvm().isAlive()).as("the run is alive at kill %d", kill + 1).isTrue();
        assertThat(run.liveLoadRunning())
            .as("the live load runs at kill %d: work remains", kill + 1)
            .isTrue();
        int before = run.commits();
        long killed = System.nanoTime();
        app.kill();
        String next = moments[(kill + 1) % moments.length];
        if (kill == KILLS - 1 || !next.equals("startup")) {
          long recover = run.awaitCommitBeyond(before, killed, FAILSAFE);
          recoveries.add(recover);
          detail += ", first commit of the restarted run " + recover + " ms after the kill";
        } else {
          // restarted at once, not by the orchestrator's back-off (which waits 5 s after a run
          // shorter than 10 s, and how
          // short the run was depends on the machine's speed): the next kill must land mid-startup
          run.restartAtOnce(app);
        }
        timeline.add("kill " + (kill + 1) + " " + detail);
        System.out.println("kills: kill " + (kill + 1) + " " + detail);
      }
      run.stopLiveLoad();
      long drain = run.assertEveryRecordOnce();
      long worst = recoveries.stream().mapToLong(Long::longValue).max().orElse(-1);
      BrokerAndStorageFaultIT.report(
          run,
          String.format(
              "both stages at the default settings SIGKILLed %d times (%s), restarted at "
                  + "once; recoveries %s ms",
              KILLS, String.join("; ", timeline), recoveries),
          worst,
          drain);
    }
  }
}
