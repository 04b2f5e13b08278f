package dev.lakehouse.cli;

import dev.lakehouse.common.files.OwnerOnlyFiles;
import dev.lakehouse.common.settings.CatalogType;
import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.iceberg.LakehouseCatalogs;
import dev.lakehouse.process.LakehouseHome;
import dev.lakehouse.stack.rest.RestCatalogServer;
import dev.lakehouse.trino.TrinoCatalogProperties;
import dev.lakehouse.trino.TrinoServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.catalog.Catalog;

/**
 * Trino over the local lake, for {@code ./lakehouse sql} and {@code ./lakehouse up --with-trino}: a
 * REST catalog server in this JVM over the lake's JDBC catalog (a REST catalog is used as it is),
 * and the Trino server as a child JVM. While it runs, {@value #URL_FILE} in the data directory says
 * where, so that {@code ./lakehouse sql} uses it instead of starting its own.
 */
final class LocalTrino implements AutoCloseable {
  static final String URL_FILE = "trino.url";
  private static final int HEAP_MEGABYTES = 2048;

  private final Catalog catalog;
  private final RestCatalogServer rest;
  private final TrinoServer trino;
  private final Path urlFile;

  private LocalTrino(Catalog catalog, RestCatalogServer rest, TrinoServer trino, Path urlFile) {
    this.catalog = catalog;
    this.rest = rest;
    this.trino = trino;
    this.urlFile = urlFile;
  }

  /**
   * Starts Trino on {@code port} (0: a free one) with its files in {@code workDir}; when {@code
   * dataDir} is given, writes {@value #URL_FILE} there until {@link #close()}.
   */
  static LocalTrino start(
      LakehouseSettings settings, Path workDir, int port, Optional<Path> dataDir)
      throws IOException {
    if (settings.catalog().type() == CatalogType.GLUE) {
      throw new IllegalArgumentException(
          "the lake's catalog is AWS Glue: query it with Athena, or apply the views of"
              + " ./lakehouse views there");
    }
    Catalog catalog = null;
    RestCatalogServer rest = null;
    String restUri;
    if (settings.catalog().type() == CatalogType.REST) {
      restUri = settings.catalog().uri().orElseThrow();
    } else {
      catalog = LakehouseCatalogs.open(settings);
      rest = RestCatalogServer.start(catalog, "127.0.0.1", 0);
      restUri = rest.uri();
    }
    try {
      TrinoServer trino =
          TrinoServer.start(
              LakehouseHome.fromEnvironment(),
              new TrinoServer.Spec(
                  workDir,
                  "127.0.0.1",
                  port,
                  HEAP_MEGABYTES,
                  TrinoCatalogProperties.of(restUri, settings.s3())));
      Path urlFile = null;
      if (dataDir.isPresent()) {
        urlFile = dataDir.get().resolve(URL_FILE);
        OwnerOnlyFiles.write(
            urlFile,
            (trino.jdbcUrl() + "\n" + ProcessHandle.current().pid() + "\n")
                .getBytes(StandardCharsets.UTF_8));
      }
      return new LocalTrino(catalog, rest, trino, urlFile);
    } catch (IOException | RuntimeException e) {
      if (rest != null) {
        rest.close();
      }
      closeCatalog(catalog);
      throw e;
    }
  }

  /** The JDBC URL of the Trino that {@code up --with-trino} keeps running, if it still runs. */
  static Optional<String> running(Path dataDir) {
    Path file = dataDir.resolve(URL_FILE);
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.size() < 2) {
        return Optional.empty();
      }
      boolean alive =
          ProcessHandle.of(Long.parseLong(lines.get(1).trim()))
              .map(ProcessHandle::isAlive)
              .orElse(false);
      return alive ? Optional.of(lines.get(0).trim()) : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  String jdbcUrl() {
    return trino.jdbcUrl();
  }

  String uri() {
    return trino.uri();
  }

  long pid() {
    return trino.pid();
  }

  Path log() {
    return trino.logFile();
  }

  @Override
  public void close() {
    try {
      if (urlFile != null) {
        Files.deleteIfExists(urlFile);
      }
    } catch (IOException ignored) {
      // a stale file names a dead pid, which running() ignores
    }
    trino.close();
    if (rest != null) {
      rest.close();
    }
    closeCatalog(catalog);
  }

  private static void closeCatalog(Catalog catalog) {
    if (catalog instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // closing the JDBC catalog's pool cannot lose anything
      }
    }
  }
}
