package dev.lakehouse.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Counts follow from the number of orders, and restaurants and cities are skewed. */
class FoodDeliveryGeneratorProportionsTest {
  @Test
  void countsFollowTheNumberOfOrders() {
    GeneratedSample sample = GeneratedSample.of(7, 5_000, 0.0);
    assertThat(sample.manifestOf("consumer.csv.gz").lines()).isEqualTo(1_250);
    assertThat(sample.manifestOf("restaurant.csv.gz").lines()).isEqualTo(125);
    long orderLines = sample.manifestOf("order.json.gz").lines();
    assertThat(orderLines).isBetween(5_000L + 25, 5_000L + 100); // ~1% duplicated
    double statusPerOrder = sample.manifestOf("status.json.gz").lines() / 5_000.0;
    assertThat(statusPerOrder).isBetween(3.6, 4.4);
    assertThat(sample.manifest().files())
        .extracting(FileManifest::fileName)
        .containsExactly("consumer.csv.gz", "restaurant.csv.gz", "order.json.gz", "status.json.gz");
    assertThat(sample.manifest().totalLines())
        .isEqualTo(sample.manifest().files().stream().mapToLong(FileManifest::lines).sum());
    for (FileManifest file : sample.manifest().files()) {
      assertThat(file.goodRecords()).isEqualTo(file.lines());
      assertThat(file.totalBadLines()).isZero();
      assertThat(file.expectedPublished()).isEqualTo(file.lines());
      assertThat(file.expectedDeadLetters()).isEmpty();
    }
  }

  @Test
  void tinyRunsKeepTheMinimums() {
    GeneratedSample sample = GeneratedSample.of(1, 1, 0.0);
    assertThat(sample.manifestOf("consumer.csv.gz").lines()).isEqualTo(10);
    assertThat(sample.manifestOf("restaurant.csv.gz").lines()).isEqualTo(5);
    assertThat(sample.manifestOf("order.json.gz").lines()).isBetween(1L, 2L);
    assertThat(sample.manifestOf("status.json.gz").lines()).isBetween(1L, 10L);
  }

  @Test
  void aFewRestaurantsAndCitiesTakeMostOrders() {
    GeneratedSample sample = GeneratedSample.of(7, 5_000, 0.0);
    List<JsonNode> orders = SourceFiles.jsonObjects(sample.file("order.json.gz"));
    long[] perRestaurant =
        counts(orders, o -> o.get("merchant_id").asText(), sample.options().restaurants());
    long busiest = perRestaurant[perRestaurant.length - 1];
    long median = Math.max(1, perRestaurant[perRestaurant.length / 2]);
    assertThat(busiest).isGreaterThan(10 * median);
    assertThat(busiest).isGreaterThan(orders.size() / 20);

    Map<String, Long> perCity =
        orders.stream()
            .collect(
                Collectors.groupingBy(
                    o -> o.get("delivery_address_city").asText(), Collectors.counting()));
    long[] cityCounts = perCity.values().stream().mapToLong(Long::longValue).sorted().toArray();
    assertThat(perCity.size()).isGreaterThan(15);
    assertThat(cityCounts[cityCounts.length - 1])
        .isGreaterThan(5 * cityCounts[cityCounts.length / 2]);
  }

  private static long[] counts(
      List<JsonNode> orders, Function<JsonNode, String> key, int population) {
    Map<String, Long> counted =
        orders.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    long[] all = new long[population];
    int i = 0;
    for (long c : counted.values()) {
      all[i++] = c;
    }
    Arrays.sort(all);
    return all;
  }
}
