package dev.lakehouse.stack;

import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.iceberg.LakehouseCatalogs;
import dev.lakehouse.iceberg.S3Clients;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Probes the broker, the S3 server and the catalog that the settings name, with real requests: the
 * same checks work for the local stack and for a deployment.
 */
public final class StackHealth {
  private static final int TIMEOUT_MS = 5_000;

  private StackHealth() {}

  public static List<ComponentHealth> check(LakehouseSettings settings) {
    return List.of(kafka(settings), s3(settings), catalog(settings));
  }

  static ComponentHealth kafka(LakehouseSettings settings) {
    String bootstrap = settings.kafka().bootstrapServers();
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
            AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    try (Admin admin = Admin.create(config)) {
      DescribeClusterResult cluster = admin.describeCluster();
      int nodes = cluster.nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
      String clusterId = cluster.clusterId().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      int topics = admin.listTopics().names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
      return new ComponentHealth(
          "kafka",
          true,
          bootstrap
              + " (cluster "
              + clusterId
              + ", "
              + nodes
              + " node(s), "
              + topics
              + " topic(s))");
    } catch (java.util.concurrent.TimeoutException
        | org.apache.kafka.common.errors.TimeoutException e) {
      return new ComponentHealth(
          "kafka", false, bootstrap + ": no answer within " + TIMEOUT_MS / 1000 + " s");
    } catch (Exception e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        return new ComponentHealth(
            "kafka", false, bootstrap + ": no answer within " + TIMEOUT_MS / 1000 + " s");
      }
      return new ComponentHealth("kafka", false, bootstrap + ": " + rootMessage(e));
    }
  }

  static ComponentHealth s3(LakehouseSettings settings) {
    String where =
        settings.s3().endpoint().map(Object::toString).orElse("AWS " + settings.s3().region());
    String bucket = settings.s3().bucket();
    try (S3Client s3 = S3Clients.forSettings(settings.s3())) {
      s3.headBucket(b -> b.bucket(bucket));
      return new ComponentHealth("s3", true, where + " (bucket " + bucket + " reachable)");
    } catch (Exception e) {
      return new ComponentHealth("s3", false, where + " bucket " + bucket + ": " + rootMessage(e));
    }
  }

  static ComponentHealth catalog(LakehouseSettings settings) {
    String name = settings.catalog().name() + " (" + settings.catalog().type().id() + ")";
    Catalog catalog = null;
    String uri = settings.catalog().uri().orElse("");
    if (uri.startsWith("jdbc:sqlite:")
        && !java.nio.file.Files.exists(
            java.nio.file.Path.of(uri.substring("jdbc:sqlite:".length())))) {
      return new ComponentHealth(
          "catalog", false, name + ": database file " + uri + " does not exist");
    }
    try {
      catalog = LakehouseCatalogs.open(settings);
      String namespaces =
          catalog instanceof SupportsNamespaces ns
              ? ns.listNamespaces().size() + " namespace(s)"
              : "open";
      return new ComponentHealth(
          "catalog",
          true,
          name
              + " "
              + settings.catalog().uri().orElse("")
              + " ("
              + namespaces
              + ", warehouse "
              + settings.catalog().warehouse()
              + ")");
    } catch (Exception e) {
      return new ComponentHealth("catalog", false, name + ": " + rootMessage(e));
    } finally {
      if (catalog instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception ignored) {
          // the probe's result stands
        }
      }
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
