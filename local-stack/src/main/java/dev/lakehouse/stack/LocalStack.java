package dev.lakehouse.stack;

import dev.lakehouse.common.files.OwnerOnlyFiles;
import dev.lakehouse.common.settings.CatalogSettings;
import dev.lakehouse.common.settings.CatalogType;
import dev.lakehouse.common.settings.KafkaSettings;
import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.common.settings.TrustedSettings;
import dev.lakehouse.iceberg.LakehouseCatalogs;
import dev.lakehouse.process.LakehouseHome;
import java.io.IOException;
import java.util.Optional;
import java.util.Properties;
import org.apache.iceberg.catalog.Catalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default, started and stopped as one: a KRaft Kafka broker in this JVM, s3proxy as a
 * child process, and an Iceberg JDBC catalog on SQLite whose warehouse is in the S3 server's
 * bucket. Once up, it writes {@code <data-dir>/lakehouse.properties}, which every other process
 * reads.
 */
public final class LocalStack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

  private final StackConfig config;
  private final LakehouseHome home;
  private final LakehouseSettings settings;
  private EmbeddedKafkaBroker broker;
  private S3ProxyServer s3;

  private LocalStack(
      StackConfig config,
      LakehouseHome home,
      EmbeddedKafkaBroker broker,
      S3ProxyServer s3,
      LakehouseSettings settings) {
    this.config = config;
    this.home = home;
    this.broker = broker;
    this.s3 = s3;
    this.settings = settings;
  }

  public static LocalStack start(StackConfig config, LakehouseHome home) {
    Ports.requireFree(config.host(), config.kafkaPort(), "Kafka broker", "--kafka-port");
    Ports.requireFree(
        config.host(), config.controllerPort(), "Kafka controller", "--controller-port");
    Ports.requireFree(config.host(), config.s3Port(), "S3 server", "--s3-port");
    S3ProxyServer s3 = null;
    EmbeddedKafkaBroker broker = null;
    try {
      OwnerOnlyFiles.createDirectories(config.dataDir());
      LocalCredentials credentials = LocalCredentials.loadOrCreate(config.dataDir());
      s3 = S3ProxyServer.start(config, credentials, home);
      broker = EmbeddedKafkaBroker.start(config);
      LakehouseSettings settings =
          new LakehouseSettings(
              new KafkaSettings(broker.bootstrapServers()),
              s3.settings(),
              new CatalogSettings(
                  config.catalogName(),
                  CatalogType.JDBC,
                  Optional.of("jdbc:sqlite:" + config.catalogDb()),
                  "s3://" + config.bucket() + "/warehouse"));
      initializeCatalog(settings);
      Properties trusted = new Properties();
      trusted.setProperty(
          TrustedSettings.PSEUDONYM_KEY,
          LocalCredentials.loadOrCreatePseudonymKey(config.dataDir()));
      settings.write(config.settingsFile(), trusted);
      return new LocalStack(config, home, broker, s3, settings);
    } catch (RuntimeException | Error e) {
      closeQuietly(broker);
      closeQuietly(s3);
      throw e;
    } catch (Exception e) {
      closeQuietly(broker);
      closeQuietly(s3);
      throw new StackStartException("the local stack could not start: " + e.getMessage(), e);
    }
  }

  /** Opening the JDBC catalog creates its tables in the SQLite file if they are not there yet. */
  private static void initializeCatalog(LakehouseSettings settings) throws IOException {
    Catalog catalog = LakehouseCatalogs.open(settings);
    try {
      LOG.info(
          "Iceberg catalog '{}' ready: {} (warehouse {})",
          settings.catalog().name(),
          settings.catalog().uri().orElse(""),
          settings.catalog().warehouse());
    } finally {
      if (catalog instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          throw new IOException("cannot close catalog: " + e.getMessage(), e);
        }
      }
    }
  }

  public LakehouseSettings settings() {
    return settings;
  }

  /** The trusted stage's settings of this stack: enabled, with the stack's own pseudonym key. */
  public TrustedSettings trustedSettings() {
    return TrustedSettings.load(config.settingsFile(), java.util.Map.of());
  }

  public StackConfig config() {
    return config;
  }

  /** The S3 server's process id (it changes when {@link #restartS3Server()} starts a new one). */
  public synchronized long s3ServerPid() {
    return s3.pid();
  }

  /**
   * Stops the in-process Kafka broker as a shutdown of the server would; its log directory stays.
   * For fault tests: {@link #startBroker()} brings it back on the same ports and log directory.
   */
  public synchronized void stopBroker() {
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }

  /** Starts the broker again after {@link #stopBroker()}, on the same ports and log directory. */
  public synchronized void startBroker() throws Exception {
    if (broker == null) {
      broker = EmbeddedKafkaBroker.start(config);
    }
  }

  /**
   * Starts a new S3 server on the same port and data directory, after the one running died (a fault
   * test SIGKILLs it); a live one is stopped first.
   */
  public synchronized void restartS3Server() throws Exception {
    closeQuietly(s3);
    s3 = S3ProxyServer.start(config, LocalCredentials.loadOrCreate(config.dataDir()), home);
  }

  @Override
  public synchronized void close() {
    closeQuietly(broker);
    closeQuietly(s3);
    LOG.info("local stack stopped");
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.warn("error while stopping {}: {}", closeable.getClass().getSimpleName(), e.toString());
    }
  }
}
