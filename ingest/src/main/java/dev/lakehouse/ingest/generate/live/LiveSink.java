package dev.lakehouse.ingest.generate.live;

import dev.lakehouse.common.contract.Dataset;
import java.io.IOException;

/**
 * Where live records go. Called from one thread, the one running {@link LiveOrderStream#run}.
 *
 * <p>{@code value} is the record exactly as the file ingestor would publish it: for JSON Lines
 * datasets (order, status) the bytes of the JSON line; for CSV datasets (consumer, restaurant) a
 * JSON object with the header's names, every cell a string and an empty cell null. {@code key} is
 * the dataset's natural key ({@link Dataset#keyField()}). The array may be emitted again (an exact
 * duplicate status row): read it, never change it.
 */
@FunctionalInterface
public interface LiveSink {
  void emit(Dataset dataset, String key, byte[] value) throws IOException;
}
