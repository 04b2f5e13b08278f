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

/** Samples the app's heap from its Prometheus endpoint. */
final class HeapSampler {
  private static final Pattern HEAP = Pattern.compile("jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} ([0-9.E+]+)");

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI uri;
  private final List<Double> samples = new ArrayList<>();

  HeapSampler(int port) {
    this.uri = URI.create("http://127.0.0.1:" + port + "/metrics");
  }

  synchronized void sample() {
    try {
      String body = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
      Matcher m = HEAP.matcher(body);
      double used = 0;
      while (m.find()) {
        used += Double.parseDouble(m.group(1));
      }
      if (used > 0) {
        samples.add(used);
      }
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
