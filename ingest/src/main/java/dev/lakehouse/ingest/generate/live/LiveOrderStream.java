package dev.lakehouse.ingest.generate.live;

import dev.lakehouse.common.contract.Dataset;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A live stream of new food-delivery orders and their status transitions, for freshness tests and
 * demos. At start it emits the restaurants and an initial pool of consumers (the batch generator's
 * rows for the same seed); then orders arrive as a Poisson process at {@link
 * LiveOptions#ordersPerSecond()}, each stamped with the clock's now as order_created_at, followed
 * by REGISTERED at once, PLACED about a second later and CONCLUDED or CANCELLED after a wait scaled
 * by {@link LiveOptions#statusDelayScale()}; some flows stay open, some rows come twice, some
 * REGISTERED rows come before their order line, and brand-new consumers' records come just before
 * or a little after their first order. Records look exactly like the file ingestor's (see {@link
 * LiveSink}).
 *
 * <p>Between records the thread sleeps through the {@link Sleeper}; with a fake clock and a sleeper
 * that moves it, a seed always gives the same sequence of records. Memory holds the restaurants and
 * the records still waiting: about {@code ordersPerSecond ×} the mean wait for the final status.
 */
public final class LiveOrderStream {
  /** The longest single sleep, so that {@link #stop()} is noticed quickly even at low rates. */
  static final long MAX_NAP_MILLIS = 250;

  private final LiveOptions options;
  private final Clock clock;
  private final Sleeper sleeper;
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile boolean stopped;

  /** A stream on {@code clock} that sleeps the thread between records. */
  public LiveOrderStream(LiveOptions options, Clock clock) {
    this(options, clock, Sleeper.threadSleeping(clock));
  }

  /**
   * A stream on {@code clock} that waits through {@code sleeper} (tests pass one that moves a fake
   * clock).
   */
  public LiveOrderStream(LiveOptions options, Clock clock, Sleeper sleeper) {
    this.options = Objects.requireNonNull(options, "options");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /**
   * Runs until {@link LiveOptions#maxOrders()} orders and all their transitions are emitted, or
   * until {@link #stop()}; returns the records emitted per dataset (every dataset present). Runs
   * once per stream.
   *
   * @throws IOException what the sink threw; the run ends there
   * @throws InterruptedException when the thread is interrupted; the run ends there
   */
  public Map<Dataset, Long> run(LiveSink sink) throws IOException, InterruptedException {
    Objects.requireNonNull(sink, "sink");
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("a LiveOrderStream runs once");
    }
    LiveRun run = new LiveRun(options, sink);
    run.start(clock.millis());
    while (!stopped) {
      if (Thread.interrupted()) {
        throw new InterruptedException("the live order stream was interrupted");
      }
      long due = run.nextDueMillis();
      if (due == Long.MAX_VALUE) {
        break;
      }
      long now = clock.millis();
      if (due <= now) {
        run.emitNext(now);
      } else {
        sleeper.sleepUntil(Instant.ofEpochMilli(Math.min(due, now + MAX_NAP_MILLIS)));
      }
    }
    return run.counts();
  }

  /**
   * Makes {@link #run} return soon: after the record it is emitting, or within a quarter of a
   * second when it sleeps. Records still waiting are dropped. Any thread may call it.
   */
  public void stop() {
    stopped = true;
  }
}
