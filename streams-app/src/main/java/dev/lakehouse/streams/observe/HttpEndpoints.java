package dev.lakehouse.streams.observe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's HTTP port: {@code /metrics} (Prometheus text format), {@code /health/live} and
 * {@code /health/ready} (200 or 503 with a one-line reason), for Prometheus and Kubernetes probes.
 */
public final class HttpEndpoints implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoints.class);
  private final HttpServer server;

  private HttpEndpoints(HttpServer server) {
    this.server = server;
  }

  public static HttpEndpoints start(String host, int port, PrometheusMeterRegistry registry, Health health) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
    server.createContext("/metrics", exchange -> guarded(exchange,
        () -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape())));
    server.createContext("/health/live", exchange -> guarded(exchange, () -> check(exchange, health::live)));
    server.createContext("/health/ready", exchange -> guarded(exchange, () -> check(exchange, health::ready)));
    server.setExecutor(Executors.newSingleThreadExecutor(r -> {
      Thread thread = new Thread(r, "http-endpoints");
      thread.setDaemon(true);
      return thread;
    }));
    server.start();
    return new HttpEndpoints(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private interface Handler {
    void handle() throws IOException;
  }

  private static void guarded(HttpExchange exchange, Handler handler) throws IOException {
    try {
      handler.handle();
    } catch (RuntimeException e) {
      LOG.warn("{} failed", exchange.getRequestURI().getPath(), e);
      respond(exchange, 500, "text/plain; charset=utf-8", "error: " + e.getClass().getSimpleName() + "\n");
    }
  }

  private static void check(HttpExchange exchange, Supplier<Health.Check> check) throws IOException {
    Health.Check result = check.get();
    respond(exchange, result.ok() ? 200 : 503, "text/plain; charset=utf-8", (result.ok() ? "ok: " : "failing: ") + result.detail() + "\n");
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
