package dev.lakehouse.ingest.file;

/**
 * The ingest dead letters' reasons, in one place (docs/ingest.md lists them with their meaning).
 */
final class DeadLetterReason {
  static final String RECORD_TOO_LARGE = "record-too-large";
  static final String NUL_BYTE = "nul-byte";
  static final String INVALID_UTF8 = "invalid-utf8";
  static final String MALFORMED_JSON = "malformed-json";
  static final String NOT_AN_OBJECT = "not-an-object";
  static final String DUPLICATE_FIELD = "duplicate-field";
  static final String TOO_DEEPLY_NESTED = "too-deeply-nested";
  static final String MALFORMED_CSV = "malformed-csv";
  static final String UNTERMINATED_QUOTE = "unterminated-quote";
  static final String REPEATED_HEADER = "repeated-header";
  static final String WRONG_COLUMN_COUNT = "wrong-column-count";
  static final String MISSING_KEY = "missing-key";
  static final String KEY_TOO_LONG = "key-too-long";
  static final String TRUNCATED_GZIP = "truncated-gzip";

  private DeadLetterReason() {}

  /** The first NUL byte's index, or -1. */
  static int nulByte(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return i;
      }
    }
    return -1;
  }
}
