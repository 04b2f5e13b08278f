package dev.lakehouse.common.settings;

/** Where the Kafka cluster is. */
public record KafkaSettings(String bootstrapServers) {
  public KafkaSettings {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new SettingsException("kafka.bootstrap-servers must not be empty");
    }
  }

  static KafkaSettings from(RawSettings raw) {
    return new KafkaSettings(raw.required("kafka.bootstrap-servers"));
  }
}
