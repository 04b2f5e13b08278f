package dev.lakehouse.trino;

import dev.lakehouse.common.settings.CatalogType;
import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.iceberg.LakehouseCatalogs;
import dev.lakehouse.process.LakehouseHome;
import dev.lakehouse.stack.rest.RestCatalogServer;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.iceberg.catalog.Catalog;

/**
 * A Trino server over the lake that the settings name, as Athena reads it (catalog {@code
 * awsdatacatalog}): a REST catalog is used as it is; over a JDBC catalog, a REST catalog server in
 * this JVM serves it (Trino's Iceberg connector reads views from REST). Glue is refused: its engine
 * is Athena itself.
 */
public final class LakeTrino implements AutoCloseable {
  private final Catalog catalog;
  private final RestCatalogServer rest;
  private final TrinoServer trino;

  private LakeTrino(Catalog catalog, RestCatalogServer rest, TrinoServer trino) {
    this.catalog = catalog;
    this.rest = rest;
    this.trino = trino;
  }

  /** Starts Trino on {@code port} (0: a free one) with its files in {@code workDir}. */
  public static LakeTrino start(
      LakehouseSettings settings, Path workDir, int port, int heapMegabytes) throws IOException {
    if (settings.catalog().type() == CatalogType.GLUE) {
      throw new IllegalArgumentException(
          "the lake's catalog is AWS Glue: query it with Athena, or apply the views of"
              + " ./lakehouse views there");
    }
    Catalog catalog = null;
    RestCatalogServer rest = null;
    try {
      String restUri;
      if (settings.catalog().type() == CatalogType.REST) {
        restUri = settings.catalog().uri().orElseThrow();
      } else {
        catalog = LakehouseCatalogs.open(settings);
        rest = RestCatalogServer.start(catalog, "127.0.0.1", 0);
        restUri = rest.uri();
      }
      TrinoServer trino =
          TrinoServer.start(
              LakehouseHome.fromEnvironment(),
              new TrinoServer.Spec(
                  workDir,
                  "127.0.0.1",
                  port,
                  heapMegabytes,
                  TrinoCatalogProperties.of(restUri, settings.s3())));
      return new LakeTrino(catalog, rest, trino);
    } catch (IOException | RuntimeException | Error e) {
      if (rest != null) {
        rest.close();
      }
      closeCatalog(catalog);
      throw e;
    }
  }

  public String jdbcUrl() {
    return trino.jdbcUrl();
  }

  public String uri() {
    return trino.uri();
  }

  public long pid() {
    return trino.pid();
  }

  public Path logFile() {
    return trino.logFile();
  }

  @Override
  public void close() {
    try {
      trino.close();
    } finally {
      if (rest != null) {
        rest.close();
      }
      closeCatalog(catalog);
    }
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
