package dev.lakehouse.stack;

import dev.lakehouse.common.files.OwnerOnlyFiles;
import dev.lakehouse.common.settings.S3Settings;
import dev.lakehouse.iceberg.S3Clients;
import dev.lakehouse.process.ChildJvm;
import dev.lakehouse.process.LakehouseHome;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * A real S3 API server: s3proxy with its filesystem backend, as a child JVM (embedding it would
 * bring a second AWS SDK and logback into our JVM). Requests are signed (AWS v2 or v4) with the
 * local keys.
 */
final class S3ProxyServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(S3ProxyServer.class);
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

  private final ChildJvm process;
  private final S3Settings settings;

  private S3ProxyServer(ChildJvm process, S3Settings settings) {
    this.process = process;
    this.settings = settings;
  }

  static S3ProxyServer start(StackConfig config, LocalCredentials credentials, LakehouseHome home)
      throws Exception {
    Files.createDirectories(config.s3Dir());
    URI endpoint = URI.create("http://" + config.host() + ":" + config.s3Port());
    Path propertiesFile = writeProperties(config, endpoint, credentials);
    ChildJvm process =
        ChildJvm.start(
            new ChildJvm.Spec(
                "s3proxy",
                List.of(home.s3ProxyJar()),
                List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                "org.gaul.s3proxy.Main",
                List.of("--properties", propertiesFile.toString()),
                config.logDir().resolve("s3proxy.log")));
    S3Settings settings =
        new S3Settings(
            Optional.of(endpoint),
            "us-east-1",
            Optional.of(credentials.accessKeyId()),
            Optional.of(credentials.secretAccessKey()),
            true,
            config.bucket());
    S3ProxyServer server = new S3ProxyServer(process, settings);
    try {
      server.awaitReadyAndCreateBucket(config);
    } catch (Exception e) {
      server.close();
      throw e;
    }
    LOG.info(
        "S3 server (s3proxy, pid {}) on {}, bucket '{}', data in {}",
        process.pid(),
        endpoint,
        config.bucket(),
        config.s3Dir());
    return server;
  }

  private static Path writeProperties(
      StackConfig config, URI endpoint, LocalCredentials credentials) throws IOException {
    Properties p = new Properties();
    p.setProperty("s3proxy.endpoint", endpoint.toString());
    p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
    p.setProperty("s3proxy.identity", credentials.accessKeyId());
    p.setProperty("s3proxy.credential", credentials.secretAccessKey());
    p.setProperty("s3proxy.ignore-unknown-headers", "true");
    p.setProperty("jclouds.provider", "filesystem-nio2");
    p.setProperty("jclouds.identity", credentials.accessKeyId());
    p.setProperty("jclouds.credential", credentials.secretAccessKey());
    p.setProperty("jclouds.filesystem.basedir", config.s3Dir().toString());
    Path file = config.dataDir().resolve("s3proxy.properties");
    OwnerOnlyFiles.write(
        file,
        out ->
            p.store(
                new OutputStreamWriter(out, StandardCharsets.UTF_8),
                "s3proxy settings written by the local stack"));
    return file;
  }

  private void awaitReadyAndCreateBucket(StackConfig config) throws Exception {
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    while (!Ports.isListening(config.host(), config.s3Port())) {
      if (!process.isAlive()) {
        throw new StackStartException(
            "s3proxy exited during start-up; its log ends with:\n" + process.logTail(30));
      }
      if (Instant.now().isAfter(deadline)) {
        throw new StackStartException(
            "s3proxy did not listen within "
                + STARTUP_TIMEOUT.toSeconds()
                + " s; log: "
                + process.logFile());
      }
      Thread.sleep(100);
    }
    try (S3Client s3 = S3Clients.forSettings(settings)) {
      try {
        s3.headBucket(b -> b.bucket(config.bucket()));
      } catch (NoSuchBucketException e) {
        s3.createBucket(b -> b.bucket(config.bucket()));
        LOG.info("created bucket '{}'", config.bucket());
      }
    }
  }

  S3Settings settings() {
    return settings;
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    process.close();
  }
}
