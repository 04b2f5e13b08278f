package dev.lakehouse.streams.writer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.DataFile;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Runs the writer's table work on a small pool: the rows of different tables are typed into Parquet
 * at the same time, while the rows of one table stay in order on one lane at a time. A sink is
 * touched by one lane task after another, never by two at once; {@link #await} makes its state
 * visible to the caller again. With one thread it is the writer of old, one table after another,
 * but still overlapped with the poll.
 */
final class SinkLanes implements AutoCloseable {
  private final ExecutorService pool;
  private final Map<TableSink, CompletableFuture<Void>> tails = new IdentityHashMap<>();

  SinkLanes(int threads, String name) {
    AtomicInteger number = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            task -> {
              Thread thread = new Thread(task, name + "-lane-" + number.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Queues {@code records} (all of one sink, in their partitions' order) behind that sink's earlier
   * work.
   */
  void write(TableSink sink, List<ConsumerRecord<byte[], byte[]>> records) {
    CompletableFuture<Void> tail = tails.get(sink);
    Runnable work =
        () -> {
          for (ConsumerRecord<byte[], byte[]> record : records) {
            sink.write(record);
          }
        };
    tails.put(
        sink,
        tail == null ? CompletableFuture.runAsync(work, pool) : tail.thenRunAsync(work, pool));
  }

  /** Waits until every queued write has run; rethrows the first failure of a sink. */
  void await() {
    List<CompletableFuture<Void>> pending = new ArrayList<>(tails.values());
    tails.clear();
    joinAll(pending);
  }

  /**
   * Completes the sinks' batches side by side (closing and uploading their files); the files by
   * sink, in the order given.
   */
  Map<TableSink, List<DataFile>> complete(List<TableSink> sinks) {
    await();
    Map<TableSink, CompletableFuture<List<DataFile>>> futures = new LinkedHashMap<>();
    for (TableSink sink : sinks) {
      futures.put(sink, CompletableFuture.supplyAsync(sink::complete, pool));
    }
    joinAll(futures.values());
    Map<TableSink, List<DataFile>> files = new LinkedHashMap<>();
    futures.forEach((sink, future) -> files.put(sink, future.join()));
    return files;
  }

  /** Waits for every future, even after one failed, then rethrows the first failure. */
  private static void joinAll(Collection<? extends CompletableFuture<?>> futures) {
    RuntimeException failure = null;
    for (CompletableFuture<?> future : futures) {
      try {
        future.join();
      } catch (CompletionException e) {
        if (failure == null) {
          failure = e.getCause() instanceof RuntimeException r ? r : e;
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
