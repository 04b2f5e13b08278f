package dev.lakehouse.streams.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpEndpointsTest {
  /**
   * Generous: the server closes a stalled request after {@value HttpEndpoints#REQUEST_SECONDS} s.
   */
  private static final int CLIENT_TIMEOUT_MILLIS = 60_000;

  private static final PrometheusMeterRegistry REGISTRY =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private static final Health HEALTHY =
      new Health() {
        @Override
        public Check live() {
          return Check.ok("turning");
        }

        @Override
        public Check ready() {
          return Check.failing("no partitions yet");
        }
      };

  @Test
  void answersTheProbesWithTheirStatus() throws IOException {
    try (HttpEndpoints http = HttpEndpoints.start("127.0.0.1", 0, REGISTRY, HEALTHY)) {
      assertThat(get(http.port(), "/health/live"))
          .startsWith("HTTP/1.1 200")
          .endsWith("ok: turning\n");
      assertThat(get(http.port(), "/health/ready"))
          .startsWith("HTTP/1.1 503")
          .endsWith("failing: no partitions yet\n");
    }
  }

  @Test
  void clientsThatNeverFinishTheirRequestDoNotBlockTheLivenessProbe() throws IOException {
    try (HttpEndpoints http = HttpEndpoints.start("127.0.0.1", 0, REGISTRY, HEALTHY)) {
      List<Socket> stalled = new ArrayList<>();
      try {
        // half-sent requests: each holds one of the server's threads until the server gives up on
        // it
        for (int i = 0; i < HttpEndpoints.THREADS / 2; i++) {
          Socket socket = connect(http.port());
          socket
              .getOutputStream()
              .write(
                  "GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Never: fin"
                      .getBytes(StandardCharsets.US_ASCII));
          socket.getOutputStream().flush();
          stalled.add(socket);
        }
        assertThat(get(http.port(), "/health/live"))
            .startsWith("HTTP/1.1 200")
            .endsWith("ok: turning\n");
        for (Socket socket : stalled) {
          assertThat(closedByServer(socket))
              .as("a stalled request is closed by the server")
              .isTrue();
        }
        assertThat(get(http.port(), "/health/live")).startsWith("HTTP/1.1 200");
      } finally {
        for (Socket socket : stalled) {
          socket.close();
        }
      }
    }
  }

  private static Socket connect(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), CLIENT_TIMEOUT_MILLIS);
    socket.setSoTimeout(CLIENT_TIMEOUT_MILLIS);
    return socket;
  }

  private static String get(int port, String path) throws IOException {
    try (Socket socket = connect(port)) {
      socket
          .getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * Whether the server ended the connection without answering (a read timeout fails the test
   * instead).
   */
  private static boolean closedByServer(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    try {
      return in.read() == -1;
    } catch (SocketException reset) {
      return true;
    }
  }
}
