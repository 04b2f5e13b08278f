package dev.lakehouse.streams.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.PipelineHeaders;
import dev.lakehouse.common.contract.Topics;
import dev.lakehouse.common.settings.StreamsSettings;
import dev.lakehouse.streams.app.StreamsProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class LastResortHandlersTest {
  @Test
  void aRecordAProcessorThrowsOnBecomesADeadLetterAndTheNextRecordIsProcessed() {
    Topology topology = new Topology();
    topology.addSource(
        "source",
        Serdes.ByteArray().deserializer(),
        Serdes.ByteArray().deserializer(),
        Dataset.ORDER.topic());
    topology.addProcessor("fragile", Fragile::new, "source");
    topology.addSink(
        "out", "out", Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(), "fragile");
    // the app's own configuration: its last-resort handlers included
    Properties props =
        StreamsProperties.of(
            "unused:9092",
            StreamsSettings.defaults(Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams"))
                .withApplicationId("last-resort-test-" + java.util.UUID.randomUUID()));
    try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
      TestInputTopic<byte[], byte[]> in =
          driver.createInputTopic(
              Dataset.ORDER.topic(), new ByteArraySerializer(), new ByteArraySerializer());
      TestOutputTopic<byte[], byte[]> out =
          driver.createOutputTopic("out", new ByteArrayDeserializer(), new ByteArrayDeserializer());
      TestOutputTopic<byte[], byte[]> dlq =
          driver.createOutputTopic(
              Topics.DLQ_RAW, new ByteArrayDeserializer(), new ByteArrayDeserializer());
      RecordHeaders headers = new RecordHeaders();
      headers.add(PipelineHeaders.SOURCE_URI, utf8("file:/landing/order.json.gz"));
      headers.add(PipelineHeaders.SOURCE_LINE, utf8("7"));
      in.pipeInput(new TestRecord<>(utf8("k1"), utf8("fine"), headers));
      in.pipeInput(new TestRecord<>(utf8("k2"), utf8("boom {\"cpf\":\"01234567890\"}"), headers));
      in.pipeInput(new TestRecord<>(utf8("k3"), utf8("fine again"), headers));

      assertThat(out.readValuesToList())
          .extracting(v -> new String(v, StandardCharsets.UTF_8))
          .containsExactly("fine", "fine again");
      TestRecord<byte[], byte[]> dead = dlq.readRecord();
      assertThat(new String(dead.value(), StandardCharsets.UTF_8))
          .as("the bytes read")
          .isEqualTo("boom {\"cpf\":\"01234567890\"}");
      assertThat(header(dead, PipelineHeaders.DLQ_REASON))
          .isEqualTo(DeadLetteringProcessingHandler.REASON);
      assertThat(header(dead, PipelineHeaders.DLQ_DETAIL))
          .isEqualTo("fragile failed with java.lang.IllegalStateException")
          .doesNotContain("01234567890");
      assertThat(header(dead, PipelineHeaders.DATASET)).isEqualTo(Dataset.ORDER.datasetName());
      assertThat(header(dead, PipelineHeaders.SOURCE_TOPIC)).isEqualTo(Dataset.ORDER.topic());
      assertThat(header(dead, PipelineHeaders.SOURCE_OFFSET)).isEqualTo("1");
      assertThat(header(dead, PipelineHeaders.SOURCE_URI)).isEqualTo("file:/landing/order.json.gz");
      assertThat(header(dead, PipelineHeaders.SOURCE_LINE)).isEqualTo("7");
      assertThat(dlq.isEmpty()).isTrue();
    }
  }

  @Test
  void aDeadLetterOfAnotherStageGoesToTheTrustedTopicAndAnOversizedOneIsCut() {
    byte[] big = new byte[UnexpectedFailure.MAX_PAYLOAD_BYTES + 10];
    ProducerRecord<byte[], byte[]> dead =
        UnexpectedFailure.deadLetter(
            "record-too-large",
            "trusted-orders",
            new RuntimeException("secret"),
            "raw.rows.order",
            2,
            41,
            1_000L,
            null,
            utf8("k"),
            big);
    assertThat(dead.topic()).isEqualTo(Topics.DLQ_TRUSTED);
    assertThat(dead.value()).hasSize(UnexpectedFailure.MAX_PAYLOAD_BYTES);
    assertThat(
            new String(
                dead.headers().lastHeader(PipelineHeaders.DLQ_ORIGINAL_LENGTH).value(),
                StandardCharsets.UTF_8))
        .isEqualTo(Integer.toString(big.length));
    assertThat(
            new String(
                dead.headers().lastHeader(PipelineHeaders.DLQ_DETAIL).value(),
                StandardCharsets.UTF_8))
        .doesNotContain("secret");
    assertThat(dead.headers().lastHeader(PipelineHeaders.SOURCE_URI)).isNull();
  }

  @Test
  void whatALogShowsOfAFailureHasItsFramesAndNoMessage() {
    IllegalStateException failure =
        new IllegalStateException("cpf 01234567890", new IllegalArgumentException("name maria"));
    Throwable shown = UnexpectedFailure.withoutMessages(failure);
    assertThat(shown.getMessage()).isEqualTo(IllegalStateException.class.getName());
    assertThat(shown.getStackTrace()).isEqualTo(failure.getStackTrace());
    assertThat(shown.getCause().getMessage()).isEqualTo(IllegalArgumentException.class.getName());
  }

  private static final class Fragile implements Processor<byte[], byte[], byte[], byte[]> {
    private ProcessorContext<byte[], byte[]> context;

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
      this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
      if (new String(record.value(), StandardCharsets.UTF_8).startsWith("boom")) {
        throw new IllegalStateException(
            "a bug that quotes the record: " + new String(record.value(), StandardCharsets.UTF_8));
      }
      context.forward(record);
    }
  }

  private static String header(TestRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
