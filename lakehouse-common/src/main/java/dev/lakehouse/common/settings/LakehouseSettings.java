package dev.lakehouse.common.settings;

import dev.lakehouse.common.files.OwnerOnlyFiles;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The one place that says where Kafka, S3 and the Iceberg catalog are, and which datasets the lake
 * takes. The local stack writes it to {@code <data-dir>/lakehouse.properties}; every other process
 * (ingestors, the Streams app, the Spark job, Trino) reads that file, and any key can be overridden
 * by an environment variable (see {@link #environmentVariable(String)}).
 */
public record LakehouseSettings(
    KafkaSettings kafka, S3Settings s3, CatalogSettings catalog, ContractSettings datasets) {

  /** Settings that take the built-in datasets only. */
  public LakehouseSettings(KafkaSettings kafka, S3Settings s3, CatalogSettings catalog) {
    this(kafka, s3, catalog, ContractSettings.builtIn());
  }

  /** These settings, with the datasets of {@code contracts}. */
  public LakehouseSettings withDatasets(ContractSettings contracts) {
    return new LakehouseSettings(kafka, s3, catalog, contracts);
  }

  public static final String FILE_NAME = "lakehouse.properties";

  public static LakehouseSettings load(Path file) {
    return load(file, System.getenv());
  }

  public static LakehouseSettings load(Path file, Map<String, String> environment) {
    if (!Files.exists(file) && !environment.containsKey(environmentVariable("catalog.warehouse"))) {
      throw new SettingsException(
          "settings file "
              + file
              + " does not exist: start the local stack (./lakehouse up) or point "
              + "LAKEHOUSE_CONFIG at your settings");
    }
    return fromProperties(readFile(file), environment, file.toString());
  }

  /** The properties of a settings file; empty when the file does not exist. */
  static Properties readFile(Path file) {
    Properties properties = new Properties();
    if (Files.exists(file)) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new SettingsException("cannot read settings file " + file + ": " + e.getMessage(), e);
      }
    }
    return properties;
  }

  public static LakehouseSettings fromProperties(
      Properties properties, Map<String, String> environment, String origin) {
    RawSettings raw = new RawSettings(properties, environment, origin);
    return new LakehouseSettings(
        KafkaSettings.from(raw),
        S3Settings.from(raw),
        CatalogSettings.from(raw),
        ContractSettings.from(raw));
  }

  /**
   * The settings file a process uses when none is given: {@code $LAKEHOUSE_CONFIG}, else the local
   * stack's file in the checkout ({@code lakehouse.home} / {@code $LAKEHOUSE_HOME}), else {@code
   * .lakehouse/lakehouse.properties} under the working directory.
   */
  public static Path defaultFile() {
    String explicit = System.getenv("LAKEHOUSE_CONFIG");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String home = System.getProperty("lakehouse.home", System.getenv("LAKEHOUSE_HOME"));
    Path base = home == null || home.isBlank() ? Path.of("") : Path.of(home);
    return base.resolve(".lakehouse").resolve(FILE_NAME).toAbsolutePath();
  }

  /** The environment variable that overrides a key, e.g. LAKEHOUSE_S3_ENDPOINT for s3.endpoint. */
  public static String environmentVariable(String key) {
    return RawSettings.environmentName(key);
  }

  /** The properties form, as written to {@value #FILE_NAME}. */
  public Properties toProperties() {
    Properties properties = new Properties();
    properties.setProperty("kafka.bootstrap-servers", kafka.bootstrapServers());
    s3.endpoint().ifPresent(uri -> properties.setProperty("s3.endpoint", uri.toString()));
    properties.setProperty("s3.region", s3.region());
    s3.accessKeyId().ifPresent(v -> properties.setProperty("s3.access-key-id", v));
    s3.secretAccessKey().ifPresent(v -> properties.setProperty("s3.secret-access-key", v));
    properties.setProperty("s3.path-style-access", Boolean.toString(s3.pathStyleAccess()));
    properties.setProperty("s3.bucket", s3.bucket());
    properties.setProperty("catalog.name", catalog.name());
    properties.setProperty("catalog.type", catalog.type().id());
    catalog.uri().ifPresent(v -> properties.setProperty("catalog.uri", v));
    properties.setProperty("catalog.warehouse", catalog.warehouse());
    datasets
        .directory()
        .ifPresent(dir -> properties.setProperty(ContractSettings.DIRECTORY, dir.toString()));
    return properties;
  }

  public void write(Path file) throws IOException {
    write(file, new Properties());
  }

  /**
   * Writes these settings and {@code more} (other processes' keys, e.g. {@code trusted.*}) to
   * {@code file}, atomically and readable by the owner only from the first byte (the file holds the
   * S3 keys); a missing directory is created owner-only.
   */
  public void write(Path file, Properties more) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      OwnerOnlyFiles.createDirectories(dir);
    }
    Properties all = toProperties();
    all.putAll(more);
    OwnerOnlyFiles.write(
        file,
        out ->
            all.store(
                new OutputStreamWriter(out, StandardCharsets.UTF_8),
                "Written by the local stack; read by every lakehouse process"));
  }
}
