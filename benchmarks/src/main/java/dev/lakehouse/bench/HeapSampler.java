package dev.lakehouse.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples the app's heap from its Prometheus endpoint, at most once per {@link #INTERVAL}, the
 * scrape interval of a typical Prometheus: a scrape renders every Kafka client metric and costs the
 * app real CPU (a tenth of the Streams thread's time in a flight recording when it was scraped
 * every second).
 */
final class HeapSampler {
  static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final Pattern HEAP =
      Pattern.compile("jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} ([0-9.E+]+)");

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI uri;
  private final List<Double> samples = new ArrayList<>();
  private long lastSampleNanos;

  HeapSampler(int port) {
    this.uri = URI.create("http://127.0.0.1:" + port + "/metrics");
  }

  /** Takes a sample unless the last one is younger than {@link #INTERVAL}. */
  synchronized void sample() {
    long now = System.nanoTime();
    if (lastSampleNanos != 0 && now - lastSampleNanos < INTERVAL.toNanos()) {
      return;
    }
    lastSampleNanos = now;
    try {
      // the interrupt of a live phase's end is the caller's stop signal: a request must not swallow
      // it
      String body =
          client
              .send(
                  HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      Matcher m = HEAP.matcher(body);
      double used = 0;
      while (m.find()) {
        used += Double.parseDouble(m.group(1));
      }
      if (used > 0) {
        samples.add(used);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // the app is not listening yet
    }
  }

  synchronized double peak() {
    return samples.stream().mapToDouble(Double::doubleValue).max().orElse(0);
  }

  synchronized double median() {
    double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
  }
}
