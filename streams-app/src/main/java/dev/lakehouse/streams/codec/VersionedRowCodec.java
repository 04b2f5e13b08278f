package dev.lakehouse.streams.codec;

import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types.NestedField;

/**
 * Encodes rows that carry version columns (a run of adjacent columns, such as {@code _version},
 * {@code _versioned_at}, {@code _caused_at}) in {@link RowCodec}'s format, in two steps: the
 * content once, without the version columns, so that its {@link Content#fingerprint()} says whether
 * the row changed; then, only for a row that is emitted, the full encoding with the version columns
 * spliced in. The result is byte for byte what {@link RowCodec#encode} gives for the same values.
 *
 * <p>The fingerprint is taken as if the version columns held fixed placeholder values, so it equals
 * the fingerprint of {@link RowCodec#encode} over the row with those placeholders: fingerprints
 * kept in state by earlier versions of the stage still match.
 */
public final class VersionedRowCodec {
  private final List<NestedField> columns;
  private final Type[] types;
  private final int firstVersion;
  private final int versionCount;
  private final byte[] placeholders;

  /**
   * @param versionColumns the names of the version columns, adjacent and in the schema's order
   * @param placeholderValues the values the fingerprint takes the version columns to hold
   */
  public VersionedRowCodec(
      Schema schema, List<String> versionColumns, List<Object> placeholderValues) {
    this.columns = schema.columns();
    this.types = columns.stream().map(NestedField::type).toArray(Type[]::new);
    this.versionCount = versionColumns.size();
    List<String> names = columns.stream().map(NestedField::name).toList();
    this.firstVersion = names.indexOf(versionColumns.get(0));
    if (firstVersion < 0
        || firstVersion + versionCount > names.size()
        || !names.subList(firstVersion, firstVersion + versionCount).equals(versionColumns)) {
      throw new IllegalArgumentException(
          "version columns " + versionColumns + " are not adjacent in " + names);
    }
    if (placeholderValues.size() != versionCount) {
      throw new IllegalArgumentException("one placeholder per version column expected");
    }
    BinaryWriter out = new BinaryWriter(32);
    for (int i = 0; i < versionCount; i++) {
      writeColumn(out, firstVersion + i, placeholderValues.get(i));
    }
    this.placeholders = out.toByteArray();
  }

  /**
   * Encodes every column but the version columns. A null in a required column is a bug and fails.
   */
  public Content encodeContent(Map<String, Object> row) {
    BinaryWriter out = new BinaryWriter(256);
    out.write(RowCodec.FORMAT);
    out.varint(columns.size());
    for (int i = 0; i < firstVersion; i++) {
      writeColumn(out, i, row.get(columns.get(i).name()));
    }
    int split = out.size();
    for (int i = firstVersion + versionCount; i < columns.size(); i++) {
      writeColumn(out, i, row.get(columns.get(i).name()));
    }
    return new Content(out.toByteArray(), split, placeholders);
  }

  /** The full encoding: {@code content} with the version columns' values, in their order. */
  public byte[] complete(Content content, Object... versionValues) {
    if (versionValues.length != versionCount) {
      throw new IllegalArgumentException(
          versionCount + " version values expected, got " + versionValues.length);
    }
    byte[] bytes = content.bytes;
    BinaryWriter out = new BinaryWriter(bytes.length + 32);
    out.raw(bytes, 0, content.split);
    for (int i = 0; i < versionCount; i++) {
      writeColumn(out, firstVersion + i, versionValues[i]);
    }
    out.raw(bytes, content.split, bytes.length - content.split);
    return out.toByteArray();
  }

  private void writeColumn(BinaryWriter out, int index, Object value) {
    RowCodec.writeColumn(out, columns.get(index), types[index], value);
  }

  /** A row's encoded content, without its version columns. */
  public static final class Content {
    private final byte[] bytes;
    private final int split;
    private final byte[] placeholders;

    private Content(byte[] bytes, int split, byte[] placeholders) {
      this.bytes = bytes;
      this.split = split;
      this.placeholders = placeholders;
    }

    /**
     * The {@link Fingerprint} of the row's encoding with the placeholder version values: equal
     * content gives an equal fingerprint whatever the version.
     */
    public long fingerprint() {
      return fingerprintContinuing(0);
    }

    /** The fingerprint chained on {@code seed}, as {@link Fingerprint#of(long, byte[])} chains. */
    public long fingerprintContinuing(long seed) {
      long hash = Fingerprint.of(seed, bytes, 0, split);
      hash = Fingerprint.of(hash, placeholders);
      return Fingerprint.of(hash, bytes, split, bytes.length - split);
    }
  }
}
