package dev.lakehouse.ingest.generate.live;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.SourceFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * The value the file ingestor publishes for a CSV row (see {@code file.CsvReader}): a JSON object
 * keyed by the header's names in file order, every cell a string, an empty cell null. Not thread
 * safe.
 */
final class CsvRecordJson {
  private static final JsonFactory JSON = new JsonFactory();

  private final List<String> header;
  private final ByteArrayOutputStream json = new ByteArrayOutputStream(512);

  CsvRecordJson(Dataset dataset) {
    if (dataset.format() != SourceFormat.CSV) {
      throw new IllegalArgumentException(dataset + " is not a CSV dataset");
    }
    this.header = dataset.fieldNames();
  }

  /**
   * {@code cells} in header order; null or empty cells (both written as an empty CSV cell) become
   * null.
   */
  byte[] toJson(String[] cells) throws IOException {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException(
          "expected " + header.size() + " cells, got " + cells.length);
    }
    json.reset();
    try (JsonGenerator generator = JSON.createGenerator(json)) {
      generator.writeStartObject();
      for (int i = 0; i < cells.length; i++) {
        if (cells[i] == null || cells[i].isEmpty()) {
          generator.writeNullField(header.get(i));
        } else {
          generator.writeStringField(header.get(i), cells[i]);
        }
      }
      generator.writeEndObject();
    }
    return json.toByteArray();
  }
}
