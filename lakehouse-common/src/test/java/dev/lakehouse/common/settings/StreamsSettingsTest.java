package dev.lakehouse.common.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {
  private static final Path STATE = Path.of("/tmp/state");

  @Test
  void defaultsWorkWithoutAnyKey() {
    StreamsSettings settings = StreamsSettings.fromProperties(new Properties(), Map.of(), STATE);
    assertThat(settings).isEqualTo(StreamsSettings.defaults(STATE));
    assertThat(settings.commitInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.targetFileSizeBytes()).isEqualTo(128L * 1024 * 1024);
  }

  @Test
  void readsUnitsAndEnvironmentOverrides() {
    Properties props = new Properties();
    props.setProperty("streams.commit-interval", "750ms");
    props.setProperty("streams.target-file-size", "64MB");
    props.setProperty("streams.buffer-budget", "1GB");
    props.setProperty("streams.catch-up-intervals", "1");
    props.setProperty("streams.threads", "3");
    props.setProperty("streams.writer-threads", "4");
    StreamsSettings settings =
        StreamsSettings.fromProperties(
            props,
            Map.of(
                "LAKEHOUSE_STREAMS_HTTP_PORT",
                "9100",
                "LAKEHOUSE_STREAMS_APPLICATION_ID",
                "team-a"),
            STATE);
    assertThat(settings.commitInterval()).isEqualTo(Duration.ofMillis(750));
    assertThat(settings.targetFileSizeBytes()).isEqualTo(64L << 20);
    assertThat(settings.bufferBudgetBytes()).isEqualTo(1L << 30);
    assertThat(settings.httpPort()).isEqualTo(9100);
    assertThat(settings.applicationId()).isEqualTo("team-a");
    assertThat(settings.catchUpIntervals()).isEqualTo(1);
    assertThat(StreamsSettings.defaults(STATE).catchUpIntervals()).isEqualTo(6);
    assertThat(settings.streamThreads()).isEqualTo(3);
    assertThat(settings.withHttpPort(1).streamThreads())
        .as("kept by the with-methods")
        .isEqualTo(3);
    assertThat(StreamsSettings.defaults(STATE).streamThreads()).isEqualTo(1);
    assertThat(settings.writerThreads()).isEqualTo(4);
    assertThat(settings.withCommitInterval(Duration.ofSeconds(1)).writerThreads())
        .as("kept by the with-methods")
        .isEqualTo(4);
    assertThat(StreamsSettings.defaults(STATE).writerThreads()).isEqualTo(2);
    Properties noWriterThreads = new Properties();
    noWriterThreads.setProperty("streams.writer-threads", "0");
    assertThatThrownBy(() -> StreamsSettings.fromProperties(noWriterThreads, Map.of(), STATE))
        .hasMessageContaining("streams.writer-threads");
    Properties noThreads = new Properties();
    noThreads.setProperty("streams.threads", "0");
    assertThatThrownBy(() -> StreamsSettings.fromProperties(noThreads, Map.of(), STATE))
        .hasMessageContaining("streams.threads");
    Properties none = new Properties();
    none.setProperty("streams.catch-up-intervals", "0");
    assertThatThrownBy(() -> StreamsSettings.fromProperties(none, Map.of(), STATE))
        .hasMessageContaining("streams.catch-up-intervals");
  }

  @Test
  void theHttpPortListensOnLoopbackUnlessOpened() {
    assertThat(StreamsSettings.defaults(STATE).httpHost()).isEqualTo("127.0.0.1");
    Properties props = new Properties();
    props.setProperty("streams.http-host", "::1");
    assertThat(StreamsSettings.fromProperties(props, Map.of(), STATE).httpHost()).isEqualTo("::1");
    StreamsSettings opened =
        StreamsSettings.fromProperties(
            props, Map.of("LAKEHOUSE_STREAMS_HTTP_HOST", "0.0.0.0"), STATE);
    assertThat(opened.httpHost()).as("the variable overrides the file").isEqualTo("0.0.0.0");
    assertThat(opened.withHttpPort(0).httpHost())
        .as("kept by the with-methods")
        .isEqualTo("0.0.0.0");
    assertThat(opened.withHttpHost("localhost").httpHost()).isEqualTo("localhost");
    assertThatThrownBy(() -> opened.withHttpHost(" "))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("streams.http-host");
  }

  @Test
  void aSuccessorNamesTheApplicationItReplaces() {
    assertThat(StreamsSettings.defaults(STATE).successor()).isEmpty();
    Properties props = new Properties();
    props.setProperty("streams.application-id", "team-b");
    props.setProperty("streams.successor-of", "team-a");
    StreamsSettings fromFile = StreamsSettings.fromProperties(props, Map.of(), STATE);
    assertThat(fromFile.successor()).contains("team-a");
    assertThat(fromFile.withHttpPort(0).successor())
        .as("kept by the with-methods")
        .contains("team-a");
    StreamsSettings fromEnv =
        StreamsSettings.fromProperties(
            new Properties(),
            Map.of(
                "LAKEHOUSE_STREAMS_APPLICATION_ID",
                "team-c",
                "LAKEHOUSE_STREAMS_SUCCESSOR_OF",
                "team-b"),
            STATE);
    assertThat(fromEnv.successor()).contains("team-b");
    assertThat(StreamsSettings.defaults(STATE).withSuccessorOf("old").successor()).contains("old");
    Properties itself = new Properties();
    itself.setProperty("streams.successor-of", StreamsSettings.DEFAULT_APPLICATION_ID);
    assertThatThrownBy(() -> StreamsSettings.fromProperties(itself, Map.of(), STATE))
        .hasMessageContaining("streams.successor-of");
    Properties bad = new Properties();
    bad.setProperty("streams.successor-of", "a b");
    assertThatThrownBy(() -> StreamsSettings.fromProperties(bad, Map.of(), STATE))
        .hasMessageContaining("streams.successor-of");
  }

  @Test
  void rejectsBadValuesNamingTheKey() {
    Properties props = new Properties();
    props.setProperty("streams.commit-interval", "soon");
    assertThatThrownBy(() -> StreamsSettings.fromProperties(props, Map.of(), STATE))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("streams.commit-interval")
        .hasMessageContaining("soon");
    Properties tiny = new Properties();
    tiny.setProperty("streams.target-file-size", "10KB");
    assertThatThrownBy(() -> StreamsSettings.fromProperties(tiny, Map.of(), STATE))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("streams.target-file-size");
    assertThatThrownBy(
            () ->
                StreamsSettings.fromProperties(
                    new Properties(), Map.of("LAKEHOUSE_STREAMS_HTTP_PORT", "70000"), STATE))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("streams.http-port");
  }
}
