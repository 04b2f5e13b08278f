package dev.lakehouse.streams.writer;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Reads the pipeline's text headers from a record. */
public final class HeaderValues {
  private HeaderValues() {}

  /** The last value of the header as UTF-8 text, or null when the record does not carry it. */
  public static String text(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
