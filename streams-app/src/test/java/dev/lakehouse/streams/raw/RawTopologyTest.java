package dev.lakehouse.streams.raw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.PipelineHeaders;
import dev.lakehouse.common.contract.Topics;
import dev.lakehouse.common.settings.ContractSettings;
import dev.lakehouse.common.settings.StreamsSettings;
import dev.lakehouse.streams.app.StreamsProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class RawTopologyTest {

  private static TopologyTestDriver driver() {
    // the app's own configuration; an id of its own, so that no two drivers share a state directory
    // lock
    Properties props =
        StreamsProperties.of(
            "unused:9092",
            StreamsSettings.defaults(Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams"))
                .withApplicationId("raw-topology-test-" + java.util.UUID.randomUUID()));
    return new TopologyTestDriver(
        RawTopology.build(ContractSettings.builtIn().contracts().all()), props);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String header(TestRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  @Test
  void validRecordsGoToTheirRowsTopicWithTheirCoordinatesAndBadOnesToTheDeadLetters() {
    try (TopologyTestDriver driver = driver()) {
      TestInputTopic<byte[], byte[]> statuses =
          driver.createInputTopic(
              Dataset.ORDER_STATUS.topic(), new ByteArraySerializer(), new ByteArraySerializer());
      TestOutputTopic<byte[], byte[]> rows =
          driver.createOutputTopic(
              Topics.rawRows(Dataset.ORDER_STATUS.contract()),
              new ByteArrayDeserializer(),
              new ByteArrayDeserializer());
      TestOutputTopic<byte[], byte[]> dead =
          driver.createOutputTopic(
              Topics.DLQ_RAW, new ByteArrayDeserializer(), new ByteArrayDeserializer());
      RecordHeaders ingestHeaders = new RecordHeaders();
      ingestHeaders.add("lakehouse.source.uri", utf8("s3://landing/status.json.gz"));
      ingestHeaders.add("lakehouse.source.line", utf8("17"));
      byte[] good =
          utf8(
              "{\"created_at\":\"2019-01-17T22:50:06.000Z\",\"order_id\":\"o-1\",\"status_id\":\"s-1\",\"value\":\"PLACED\"}");
      byte[] bad =
          utf8(
              "{\"created_at\":\"yesterday\",\"order_id\":\"o-2\",\"status_id\":\"s-2\",\"value\":\"PLACED\"}");
      statuses.pipeInput(
          new TestRecord<>(utf8("o-1"), good, ingestHeaders, Instant.ofEpochMilli(1_000)));
      statuses.pipeInput(
          new TestRecord<>(utf8("o-2"), bad, ingestHeaders, Instant.ofEpochMilli(2_000)));

      List<TestRecord<byte[], byte[]>> out = rows.readRecordsToList();
      assertThat(out)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("o-1");
                RawRowCodec.RawRow row =
                    new RawRowCodec(Dataset.ORDER_STATUS.contract()).decode(r.value());
                assertThat(row.values())
                    .containsExactly(
                        OffsetDateTime.parse("2019-01-17T22:50:06Z"), "o-1", "s-1", "PLACED");
                assertThat(row.lineage())
                    .isEqualTo(
                        new Lineage(
                            "src.food.order_status",
                            0,
                            0,
                            1000,
                            "s3://landing/status.json.gz",
                            17L));
                assertThat(r.headers().toArray())
                    .as("the lineage travels in the row, not in headers")
                    .isEmpty();
              });
      List<TestRecord<byte[], byte[]>> dlq = dead.readRecordsToList();
      assertThat(dlq)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.value()).as("original bytes").isEqualTo(bad);
                assertThat(header(r, PipelineHeaders.DLQ_REASON)).isEqualTo("invalid-timestamp");
                assertThat(header(r, PipelineHeaders.DLQ_DETAIL)).contains("created_at");
                assertThat(header(r, PipelineHeaders.DATASET)).isEqualTo("order_status");
                assertThat(header(r, PipelineHeaders.SOURCE_OFFSET)).isEqualTo("1");
                assertThat(header(r, "lakehouse.source.line")).isEqualTo("17");
              });
    }
  }

  @Test
  void eachRowCarriesTheUriOfItsOwnFileAsTheFilesFollowEachOther() {
    try (TopologyTestDriver driver = driver()) {
      TestInputTopic<byte[], byte[]> statuses =
          driver.createInputTopic(
              Dataset.ORDER_STATUS.topic(), new ByteArraySerializer(), new ByteArraySerializer());
      TestOutputTopic<byte[], byte[]> rows =
          driver.createOutputTopic(
              Topics.rawRows(Dataset.ORDER_STATUS.contract()),
              new ByteArrayDeserializer(),
              new ByteArrayDeserializer());
      List<String> uris =
          java.util.Arrays.asList(
              "s3://landing/a.json.gz",
              "s3://landing/a.json.gz",
              "s3://landing/b.json.gz",
              null,
              "s3://landing/b.json.gz",
              "s3://landing/a.json.gz");
      for (int i = 0; i < uris.size(); i++) {
        RecordHeaders headers = new RecordHeaders();
        if (uris.get(i) != null) {
          headers.add("lakehouse.source.uri", utf8(uris.get(i)));
        }
        byte[] value =
            utf8(
                "{\"created_at\":\"2019-01-17T22:50:06.000Z\",\"order_id\":\"o-"
                    + i
                    + "\",\"status_id\":\"s-"
                    + i
                    + "\",\"value\":\"PLACED\"}");
        statuses.pipeInput(
            new TestRecord<>(utf8("o-" + i), value, headers, Instant.ofEpochMilli(1_000 + i)));
      }
      RawRowCodec codec = new RawRowCodec(Dataset.ORDER_STATUS.contract());
      assertThat(rows.readRecordsToList())
          .extracting(r -> codec.decode(r.value()).lineage().sourceUri())
          .containsExactlyElementsOf(uris);
    }
  }

  @Test
  void eachDatasetIsRoutedToItsOwnRowsTopic() {
    try (TopologyTestDriver driver = driver()) {
      driver
          .createInputTopic(
              Dataset.CONSUMER.topic(), new ByteArraySerializer(), new ByteArraySerializer())
          .pipeInput(
              utf8("c-1"),
              utf8(
                  "{\"customer_id\":\"c-1\",\"active\":\"true\",\"created_at\":\"2018-04-05T14:49:18.165Z\"}"));
      driver
          .createInputTopic(
              Dataset.RESTAURANT.topic(), new ByteArraySerializer(), new ByteArraySerializer())
          .pipeInput(utf8("r-1"), utf8("{\"id\":\"r-1\",\"price_range\":\"7\"}"));
      driver
          .createInputTopic(
              Dataset.ORDER.topic(), new ByteArraySerializer(), new ByteArraySerializer())
          .pipeInput(utf8("o-1"), (byte[]) null);
      assertThat(
              driver
                  .createOutputTopic(
                      Topics.rawRows(Dataset.CONSUMER.contract()),
                      new ByteArrayDeserializer(),
                      new ByteArrayDeserializer())
                  .readRecordsToList())
          .hasSize(1);
      assertThat(
              driver
                  .createOutputTopic(
                      Topics.rawRows(Dataset.RESTAURANT.contract()),
                      new ByteArrayDeserializer(),
                      new ByteArrayDeserializer())
                  .readRecordsToList())
          .isEmpty();
      List<TestRecord<byte[], byte[]>> dlq =
          driver
              .createOutputTopic(
                  Topics.DLQ_RAW, new ByteArrayDeserializer(), new ByteArrayDeserializer())
              .readRecordsToList();
      assertThat(dlq)
          .extracting(r -> header(r, PipelineHeaders.DLQ_REASON))
          .containsExactlyInAnyOrder("invalid-value", "missing-value");
    }
  }

  @Test
  void everyNodeHasAnExplicitName() {
    String description =
        RawTopology.build(ContractSettings.builtIn().contracts().all()).describe().toString();
    assertThat(description)
        .contains(
            "source-order", "validate-order_status", "rows-consumer", "dead-letters-restaurant")
        .doesNotContain("KSTREAM-");
  }
}
