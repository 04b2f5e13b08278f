package dev.lakehouse.ingest.generate;

import dev.lakehouse.common.contract.Dataset;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Turns a good JSON line into a bad one of a given kind. Bad lines never hold a raw '\n' and are
 * never blank, so they cannot merge with their neighbours.
 *
 * <ul>
 *   <li>BROKEN_JSON: the line cut in the middle, its closing brace dropped, or an extra opening
 *       brace;
 *   <li>INVALID_UTF8: 0xC3 0x28, 0xFF or a lone Latin-1 byte inside a string value;
 *   <li>WRONG_TYPES: the key kept, a number/boolean/timestamp replaced by a non-parsable string;
 *   <li>MISSING_KEY: the natural key absent, null or "".
 * </ul>
 */
final class BadJsonLines {
  /** A field and the wrong-typed raw JSON values it can take. */
  private record WrongType(String field, List<String> rawValues) {}

  private static final Map<Dataset, List<WrongType>> WRONG_TYPES =
      Map.of(
          Dataset.ORDER,
              List.of(
                  new WrongType(
                      "order_total_amount",
                      List.of("\"abc\"", "\"quarenta e seis\"", "\"R$ 46,00\"")),
                  new WrongType("order_scheduled", List.of("\"maybe\"", "\"sim\"")),
                  new WrongType(
                      "order_created_at",
                      List.of("\"yesterday\"", "\"2019-13-45T99:99:99.000Z\""))),
          Dataset.ORDER_STATUS,
              List.of(
                  new WrongType(
                      "created_at",
                      List.of("\"yesterday\"", "\"2019-02-30 25:61\"", "\"not a date\""))));
  private static final Map<Dataset, List<String>> TEXT_FIELDS =
      Map.of(
          Dataset.ORDER,
              List.of("customer_name", "delivery_address_district", "delivery_address_city"),
          Dataset.ORDER_STATUS, List.of("value"));
  private static final byte[][] INVALID_SEQUENCES = {
    {(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xE3}
  };

  private final Dataset dataset;
  private final SplittableRandom random;

  BadJsonLines(Dataset dataset, SplittableRandom random) {
    if (!WRONG_TYPES.containsKey(dataset)) {
      throw new IllegalArgumentException("not a JSON dataset the generator writes: " + dataset);
    }
    this.dataset = dataset;
    this.random = random;
  }

  byte[] make(BadLineKind kind, String line) {
    return switch (kind) {
      case BROKEN_JSON -> utf8(broken(line));
      case INVALID_UTF8 -> invalidUtf8(line);
      case WRONG_TYPES -> utf8(wrongTypes(line));
      case MISSING_KEY -> utf8(missingKey(line));
      case WRONG_COLUMN_COUNT -> throw new IllegalArgumentException("not a JSON kind: " + kind);
    };
  }

  private String broken(String line) {
    switch (random.nextInt(3)) {
      case 0 -> {
        int cut = line.length() / 4 + random.nextInt(Math.max(1, line.length() / 2));
        if (Character.isLowSurrogate(line.charAt(cut))) {
          cut++;
        }
        return line.substring(0, cut);
      }
      case 1 -> {
        return line.substring(0, line.length() - 1);
      }
      default -> {
        return "{" + line;
      }
    }
  }

  private byte[] invalidUtf8(String line) {
    String field =
        TEXT_FIELDS.get(dataset).stream()
            .filter(f -> JsonLineEditor.hasStringValue(line, f))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no string field to spoil in " + line));
    int at = JsonLineEditor.valueStart(line, field) + 1;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(line.length() + 8);
    bytes.writeBytes(utf8(line.substring(0, at)));
    bytes.writeBytes(INVALID_SEQUENCES[random.nextInt(INVALID_SEQUENCES.length)]);
    bytes.writeBytes(utf8(line.substring(at)));
    return bytes.toByteArray();
  }

  private String wrongTypes(String line) {
    WrongType wrong = RandomText.pick(random, WRONG_TYPES.get(dataset));
    return JsonLineEditor.replaceValue(
        line, wrong.field(), RandomText.pick(random, wrong.rawValues()));
  }

  private String missingKey(String line) {
    String key = dataset.keyField();
    return switch (random.nextInt(3)) {
      case 0 -> JsonLineEditor.removeMember(line, key);
      case 1 -> JsonLineEditor.replaceValue(line, key, "null");
      default -> JsonLineEditor.replaceValue(line, key, "\"\"");
    };
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
