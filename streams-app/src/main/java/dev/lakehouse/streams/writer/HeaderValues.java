package dev.lakehouse.streams.writer;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Reads the pipeline's text headers from a record. */
public final class HeaderValues {
  private HeaderValues() {}

  /** The last value of the header as UTF-8 text, or null when the record does not carry it. */
  public static String text(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }
}
