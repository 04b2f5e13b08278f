package dev.lakehouse.trino;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The single-node Trino server's {@code config.properties}: one coordinator that also runs the
 * tasks, on loopback, with a memory limit that fits beside the local stack.
 */
public final class TrinoServerProperties {
  private TrinoServerProperties() {}

  public static Map<String, String> of(
      String host, int port, Path pluginDir, Path logDir, int heapMegabytes) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("node.environment", "lakehouse");
    props.put("node.id", "lakehouse-local");
    props.put("node.internal-address", host);
    props.put("coordinator", "true");
    props.put("node-scheduler.include-coordinator", "true");
    props.put("http-server.http.port", Integer.toString(port));
    props.put("discovery.uri", "http://" + host + ":" + port);
    props.put("plugin.dir", pluginDir.toString());
    // dynamic catalog management puts every catalog on every active node at once; with static
    // management a node is active some seconds before its catalogs are announced, and a scan in
    // between fails with "No nodes available to run query". Its file store reads etc/catalog
    // under the working directory, which the server runs in.
    props.put("catalog.management", "dynamic");
    // its request log, which would otherwise go to var/log under the working directory
    props.put("http-server.log.path", logDir.resolve("trino-http-request.log").toString());
    // a query may use about half of the heap; the rest is Trino's own
    int queryMegabytes = Math.max(128, heapMegabytes / 2);
    props.put("query.max-memory", queryMegabytes + "MB");
    props.put("query.max-memory-per-node", queryMegabytes + "MB");
    return props;
  }
}
