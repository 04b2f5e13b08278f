package dev.lakehouse.ingest.generate;

import dev.lakehouse.common.contract.Dataset;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes order.json.gz: one line per order and, for ~1% of orders, a false copy (same order_id,
 * other cpf and order_created_at) written just before the true one or up to 500 orders later.
 */
final class OrderFile {
  private static final int MAX_DELAY = 500;

  /** A false copy waiting for its place in the file. */
  private record DeferredLine(long dueAfterOrder, String line) {}

  private final GenerationContext context;

  OrderFile(GenerationContext context) {
    this.context = context;
  }

  FileManifest write(OutputStream raw) throws IOException {
    Dataset dataset = Dataset.ORDER;
    JsonLinesFileWriter file =
        new JsonLinesFileWriter(
            raw, dataset.fileName(), dataset, context.options().badRate(), context.streams());
    try (file) {
      OrderLineWriter writer = new OrderLineWriter(context.streams());
      SplittableRandom placement =
          context.streams().of(RandomStreams.Purpose.DUPLICATE_PLACEMENT, 0);
      List<DeferredLine> deferred = new ArrayList<>();
      StringBuilder line = new StringBuilder(8192);
      StringBuilder copy = new StringBuilder(8192);
      long orders = context.options().orders();
      for (long i = 0; i < orders; i++) {
        OrderSkeleton order = context.order(i);
        writer.prepare(order);
        line.setLength(0);
        writer.appendLine(line);
        if (order.duplicated()) {
          copy.setLength(0);
          writer.appendDuplicateLine(copy);
          if (placement.nextBoolean()) {
            file.write(copy);
          } else {
            deferred.add(new DeferredLine(i + placement.nextInt(MAX_DELAY), copy.toString()));
          }
        }
        file.write(line);
        if (!deferred.isEmpty()) {
          writeDue(file, deferred, i);
        }
      }
      writeDue(file, deferred, Long.MAX_VALUE);
    }
    return file.manifest();
  }

  private static void writeDue(
      JsonLinesFileWriter file, List<DeferredLine> deferred, long afterOrder) throws IOException {
    for (int k = 0; k < deferred.size(); ) {
      if (deferred.get(k).dueAfterOrder() <= afterOrder) {
        file.write(deferred.remove(k).line());
      } else {
        k++;
      }
    }
  }
}
