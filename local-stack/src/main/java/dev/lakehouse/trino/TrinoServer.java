package dev.lakehouse.trino;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakehouse.common.files.OwnerOnlyFiles;
import dev.lakehouse.process.ChildJvm;
import dev.lakehouse.process.LakehouseHome;
import dev.lakehouse.stack.Ports;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Trino server as a child JVM on a JDK new enough for it ({@link TrinoJdk}), started
 * from the server tarball that the build unpacked, with the Iceberg plugin alone and one catalog,
 * {@value TrinoCatalogProperties#NAME}. Like every server we start, it ends with its parent
 * (through the parent watchdog) and with {@link #close()}.
 */
public final class TrinoServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TrinoServer.class);
  private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);
  private static final String MAIN_CLASS = "io.trino.server.TrinoServer";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where and how to run it; port 0 takes a free one. */
  public record Spec(
      Path workDir, String host, int port, int heapMegabytes, Map<String, String> catalog) {
    public Spec {
      catalog = Map.copyOf(catalog);
    }
  }

  private final ChildJvm process;
  private final String host;
  private final int port;

  private TrinoServer(ChildJvm process, String host, int port) {
    this.process = process;
    this.host = host;
    this.port = port;
  }

  /** Starts the server and waits until it accepts queries. */
  public static TrinoServer start(LakehouseHome home, Spec spec) throws IOException {
    int port = spec.port() == 0 ? Ports.freePorts(1)[0] : spec.port();
    Ports.requireFree(spec.host(), port, "Trino", "--trino-port");
    Path etc = OwnerOnlyFiles.createDirectories(spec.workDir().resolve("etc"));
    Path catalogDir = OwnerOnlyFiles.createDirectories(etc.resolve("catalog"));
    // the catalog file holds the S3 keys: owner-only, like every file with a secret
    write(catalogDir.resolve(TrinoCatalogProperties.NAME + ".properties"), spec.catalog());
    Path config = etc.resolve("config.properties");
    write(
        config,
        TrinoServerProperties.of(
            spec.host(), port, home.trinoPlugins(), spec.workDir(), spec.heapMegabytes()));
    Path javaHome = TrinoJdk.find();
    ChildJvm process =
        ChildJvm.start(
            new ChildJvm.Spec(
                "trino",
                javaHome,
                jars(home.trinoLib()),
                List.of(
                    "-Xmx" + spec.heapMegabytes() + "m",
                    "-XX:+UseG1GC",
                    "-XX:+ExitOnOutOfMemoryError",
                    "-XX:+EnableDynamicAgentLoading",
                    "--enable-native-access=ALL-UNNAMED",
                    "-Djdk.attach.allowAttachSelf=true",
                    "-Dfile.encoding=UTF-8",
                    "-Djava.io.tmpdir="
                        + OwnerOnlyFiles.createDirectories(spec.workDir().resolve("tmp")),
                    "-Dconfig=" + config),
                MAIN_CLASS,
                List.of(),
                spec.workDir().resolve("trino.log"),
                spec.workDir()));
    TrinoServer server = new TrinoServer(process, spec.host(), port);
    try {
      server.awaitReady();
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    LOG.info(
        "Trino (pid {}, Java {}) on {}, catalog {}",
        process.pid(),
        TrinoJdk.feature(javaHome).orElse(0),
        server.uri(),
        TrinoCatalogProperties.NAME);
    return server;
  }

  private static void write(Path file, Map<String, String> properties) throws IOException {
    OwnerOnlyFiles.write(
        file,
        out -> {
          Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
          for (Map.Entry<String, String> entry : properties.entrySet()) {
            writer.write(entry.getKey() + "=" + entry.getValue() + "\n");
          }
          writer.flush();
        });
  }

  private static List<Path> jars(Path lib) {
    try (Stream<Path> files = Files.list(lib)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list Trino's jars in " + lib, e);
    }
  }

  private void awaitReady() throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest info =
        HttpRequest.newBuilder(URI.create(uri() + "/v1/info"))
            .timeout(Duration.ofSeconds(5))
            .build();
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    while (true) {
      if (!process.isAlive()) {
        throw new IOException(
            "Trino exited during start-up; its log ends with:\n" + process.logTail(30));
      }
      try {
        HttpResponse<String> reply = http.send(info, HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() == 200
            && reply.body().replace(" ", "").contains("\"starting\":false")
            && answers(http)) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for Trino", e);
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IOException(
            "Trino did not start within "
                + STARTUP_TIMEOUT.toSeconds()
                + " s; log: "
                + process.logFile());
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for Trino", e);
      }
    }
  }

  /**
   * Whether the server lists itself as an active node: it says it is no longer starting a few
   * seconds before its node manager has registered it to run tasks, and a scan before that fails
   * with "No nodes available to run query". (With dynamic catalog management, see {@link
   * TrinoServerProperties}, an active node serves every catalog.)
   */
  private boolean answers(HttpClient http) throws IOException, InterruptedException {
    HttpRequest.Builder post =
        HttpRequest.newBuilder(URI.create(uri() + "/v1/statement"))
            .timeout(Duration.ofSeconds(10))
            .header("X-Trino-User", "lakehouse")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "SELECT count(*) FROM system.runtime.nodes WHERE state = 'active'"));
    JsonNode page =
        JSON.readTree(http.send(post.build(), HttpResponse.BodyHandlers.ofString()).body());
    long active = 0;
    while (true) {
      if (page.has("data")) {
        active = page.get("data").get(0).get(0).asLong();
      }
      if (!page.hasNonNull("nextUri")) {
        break;
      }
      HttpRequest next =
          HttpRequest.newBuilder(URI.create(page.get("nextUri").asText()))
              .timeout(Duration.ofSeconds(10))
              .header("X-Trino-User", "lakehouse")
              .build();
      page = JSON.readTree(http.send(next, HttpResponse.BodyHandlers.ofString()).body());
    }
    return !page.hasNonNull("error") && active > 0;
  }

  public String uri() {
    return "http://" + host + ":" + port;
  }

  /**
   * The JDBC URL of the lake's catalog, e.g. {@code jdbc:trino://127.0.0.1:8080/awsdatacatalog}.
   */
  public String jdbcUrl() {
    return "jdbc:trino://" + host + ":" + port + "/" + TrinoCatalogProperties.NAME;
  }

  public long pid() {
    return process.pid();
  }

  public Path logFile() {
    return process.logFile();
  }

  @Override
  public void close() {
    process.close();
  }
}
