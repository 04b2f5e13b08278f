package dev.lakehouse.stack.rest;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.catalog.Catalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Iceberg REST catalog server (the {@code /v1/...} protocol of {@code
 * rest-catalog-open-api.yaml}) on the JDK's HTTP server, delegating every operation to a backing
 * catalog, in practice the stack's JDBC catalog: so that the apps can run with {@code
 * catalog.type=rest} and no external service. Its views too, when the backing catalog keeps them.
 * Plain HTTP, no authentication, no prefix: meant for loopback.
 *
 * <p>The server does not own the backing catalog: {@link #close()} stops serving and leaves the
 * catalog open.
 */
public final class RestCatalogServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RestCatalogServer.class);
  private static final int THREADS = 8;
  private static final int BACKLOG = 64;
  private static final int STOP_WAIT_SECONDS = 5;

  private final HttpServer server;
  private final ExecutorService executor;
  private final String uri;

  private RestCatalogServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
    this.uri =
        "http://" + uriHost(server.getAddress().getAddress()) + ":" + server.getAddress().getPort();
  }

  /**
   * Starts serving {@code backing} on {@code host:port}; port 0 takes a free port (see {@link
   * #port()}).
   */
  public static RestCatalogServer start(Catalog backing, String host, int port) {
    RestRoutes routes = new RestRoutes(backing);
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), BACKLOG);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot listen on " + host + ":" + port + " for the REST catalog", e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
    server.setExecutor(executor);
    server.createContext("/", routes);
    server.start();
    RestCatalogServer started = new RestCatalogServer(server, executor);
    LOG.info("REST catalog on {} over the catalog {}", started.uri, backing.name());
    return started;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The base URI for a client's {@code uri} property, e.g. {@code http://127.0.0.1:8181}. */
  public String uri() {
    return uri;
  }

  /**
   * Stops listening and stops the threads, giving a request still in a handler a few seconds to
   * end. (With a delay, JDK 17's {@code HttpServer.stop} would wait out the whole delay even when
   * idle.)
   */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    LOG.info("REST catalog on {} stopped", uri);
  }

  private static String uriHost(InetAddress address) {
    if (address.isAnyLocalAddress()) {
      // listening on every interface: loopback reaches it
      return "127.0.0.1";
    }
    String literal = address.getHostAddress();
    return address instanceof Inet6Address ? "[" + literal + "]" : literal;
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "rest-catalog-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
