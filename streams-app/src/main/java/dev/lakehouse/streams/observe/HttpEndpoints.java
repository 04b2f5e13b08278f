package dev.lakehouse.streams.observe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's HTTP port: {@code /metrics} (Prometheus text format), {@code /health/live} and {@code
 * /health/ready} (200 or 503 with a one-line reason), for Prometheus and Kubernetes probes.
 *
 * <p>A slow or stalled client does not take the port away from the probes. The JDK server reads a
 * request on the thread that will serve it, so a client that sends half a request holds a thread:
 * there are up to {@value #THREADS} of them (a bounded pool, idle ones stop), and a connection
 * whose request line and headers have not all arrived {@value #REQUEST_SECONDS} s after it opened
 * is closed, which frees its thread. Only {@value #THREADS} clients stalling at once, again every
 * few seconds, would delay a probe. The limit is the JDK server's {@code
 * sun.net.httpserver.maxReqTime}, set here unless the JVM was started with it; likewise {@code
 * maxRspTime} ({@value #RESPONSE_SECONDS} s) for a client that never reads its response.
 */
public final class HttpEndpoints implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoints.class);
  static final int THREADS = 16;
  static final int QUEUED_CONNECTIONS = 64;
  static final int REQUEST_SECONDS = 5;
  static final int RESPONSE_SECONDS = 60;

  static {
    // read once, when the JDK server's classes load: before the first HttpServer.create below
    if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
      System.setProperty("sun.net.httpserver.maxReqTime", Integer.toString(REQUEST_SECONDS));
    }
    if (System.getProperty("sun.net.httpserver.maxRspTime") == null) {
      System.setProperty("sun.net.httpserver.maxRspTime", Integer.toString(RESPONSE_SECONDS));
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;

  private HttpEndpoints(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  public static HttpEndpoints start(
      String host, int port, PrometheusMeterRegistry registry, Health health) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
    server.createContext(
        "/metrics",
        exchange ->
            guarded(
                exchange,
                () ->
                    respond(
                        exchange,
                        200,
                        "text/plain; version=0.0.4; charset=utf-8",
                        registry.scrape())));
    server.createContext(
        "/health/live", exchange -> guarded(exchange, () -> check(exchange, health::live)));
    server.createContext(
        "/health/ready", exchange -> guarded(exchange, () -> check(exchange, health::ready)));
    AtomicInteger threads = new AtomicInteger();
    // beyond the queue a connection is dropped unanswered; the request limit closes it
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUED_CONNECTIONS),
            r -> {
              Thread thread = new Thread(r, "http-endpoints-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            },
            new ThreadPoolExecutor.DiscardPolicy());
    executor.allowCoreThreadTimeOut(true);
    server.setExecutor(executor);
    server.start();
    return new HttpEndpoints(server, executor);
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
      respond(
          exchange,
          500,
          "text/plain; charset=utf-8",
          "error: " + e.getClass().getSimpleName() + "\n");
    }
  }

  private static void check(HttpExchange exchange, Supplier<Health.Check> check)
      throws IOException {
    Health.Check result = check.get();
    respond(
        exchange,
        result.ok() ? 200 : 503,
        "text/plain; charset=utf-8",
        (result.ok() ? "ok: " : "failing: ") + result.detail() + "\n");
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
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
    executor.shutdownNow();
  }
}
