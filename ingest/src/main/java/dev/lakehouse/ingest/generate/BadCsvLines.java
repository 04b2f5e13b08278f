package dev.lakehouse.ingest.generate;

import dev.lakehouse.common.contract.Dataset;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Turns a good CSV record (its cells) into a bad line of a given kind; quotes stay balanced so the
 * bad line never swallows the next one.
 *
 * <ul>
 *   <li>WRONG_COLUMN_COUNT: one or two cells dropped, or one added;
 *   <li>INVALID_UTF8: 0xC3 0x28, 0xFF or a lone Latin-1 byte at the start of the last cell;
 *   <li>WRONG_TYPES: e.g. active "maybe", price_range "x", created_at "yesterday";
 *   <li>MISSING_KEY: the key cell empty.
 * </ul>
 */
final class BadCsvLines {
  private static final Map<Dataset, Map<String, List<String>>> WRONG_TYPES =
      Map.of(
          Dataset.CONSUMER,
              Map.of(
                  "created_at", List.of("yesterday", "2018-02-30T25:00:00.000Z"),
                  "active", List.of("maybe", "sim", "2")),
          Dataset.RESTAURANT,
              Map.of(
                  "created_at", List.of("yesterday"),
                  "enabled", List.of("maybe", "yes please"),
                  "price_range", List.of("x", "cheap"),
                  "average_ticket", List.of("abc", "R$ 50"),
                  "takeout_time", List.of("ten"),
                  "delivery_time", List.of("soon"),
                  "minimum_order_value", List.of("abc")));
  private static final byte[][] INVALID_SEQUENCES = {
    {(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xE3}
  };

  private final List<String> fields;
  private final int keyIndex;
  private final List<String> wrongTypeFields;
  private final Map<String, List<String>> wrongTypeValues;
  private final SplittableRandom random;

  BadCsvLines(Dataset dataset, SplittableRandom random) {
    if (!WRONG_TYPES.containsKey(dataset)) {
      throw new IllegalArgumentException("not a CSV dataset the generator writes: " + dataset);
    }
    this.fields = dataset.fieldNames();
    this.keyIndex = fields.indexOf(dataset.keyField());
    this.wrongTypeValues = WRONG_TYPES.get(dataset);
    this.wrongTypeFields = wrongTypeValues.keySet().stream().sorted().toList();
    this.random = random;
  }

  byte[] make(BadLineKind kind, String[] cells) {
    return switch (kind) {
      case WRONG_COLUMN_COUNT -> utf8(CsvLineWriter.row(wrongColumnCount(cells)));
      case INVALID_UTF8 -> invalidUtf8(cells);
      case WRONG_TYPES -> utf8(CsvLineWriter.row(wrongTypes(cells)));
      case MISSING_KEY -> utf8(CsvLineWriter.row(missingKey(cells)));
      case BROKEN_JSON -> throw new IllegalArgumentException("not a CSV kind: " + kind);
    };
  }

  private String[] wrongColumnCount(String[] cells) {
    return switch (random.nextInt(3)) {
      case 0 -> Arrays.copyOf(cells, cells.length - 1);
      case 1 -> Arrays.copyOf(cells, cells.length - 2);
      default -> {
        String[] more = Arrays.copyOf(cells, cells.length + 1);
        more[cells.length] = random.nextBoolean() ? "extra" : cells[random.nextInt(cells.length)];
        yield more;
      }
    };
  }

  private byte[] invalidUtf8(String[] cells) {
    String row = CsvLineWriter.row(cells);
    int at = row.lastIndexOf(',') + 1;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(row.length() + 8);
    bytes.writeBytes(utf8(row.substring(0, at)));
    bytes.writeBytes(INVALID_SEQUENCES[random.nextInt(INVALID_SEQUENCES.length)]);
    bytes.writeBytes(utf8(row.substring(at)));
    return bytes.toByteArray();
  }

  private String[] wrongTypes(String[] cells) {
    String field = RandomText.pick(random, wrongTypeFields);
    String[] copy = cells.clone();
    copy[fields.indexOf(field)] = RandomText.pick(random, wrongTypeValues.get(field));
    return copy;
  }

  private String[] missingKey(String[] cells) {
    String[] copy = cells.clone();
    copy[keyIndex] = null;
    return copy;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
