package dev.lakehouse.bench;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.streams.raw.Lineage;
import dev.lakehouse.streams.raw.ParseResult;
import dev.lakehouse.streams.raw.RawRecordParser;
import dev.lakehouse.streams.raw.RawRowCodec;
import dev.lakehouse.streams.trusted.MemoryTrustedStore;
import dev.lakehouse.streams.trusted.TrustedCore;
import dev.lakehouse.streams.trusted.TrustedEmission;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The trusted core alone, in one process, with no Kafka and no state stores: encoded raw rows in
 * ({@link MemoryTrustedStore}), versions out, one emission per {@value #EMIT_EVERY} inputs as if
 * once a second. Baseline, alternated with it in the same process: decoding every input once, the
 * floor of any stage that reads these rows.
 */
final class TrustedCoreBenchmark {
  private static final int EMIT_EVERY = 2_000;
  private static final String[] FLOW = {"REGISTERED", "PLACED", "CONCLUDED"};
  private static final byte[] KEY =
      "trusted-core-benchmark-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  private TrustedCoreBenchmark() {}

  record Input(Dataset dataset, byte[] value, long timestamp) {}

  static int run(String[] args) {
    int orders = 100_000;
    int runs = 3;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--orders" -> orders = Integer.parseInt(args[i + 1]);
        case "--runs" -> runs = Integer.parseInt(args[i + 1]);
        default -> {
          System.err.println("usage: benchmarks/run trusted-core [--orders N] [--runs K]");
          return 2;
        }
      }
    }
    System.out.printf(Locale.ROOT, "trusted core: generating %,d orders…%n", orders);
    List<Input> inputs = inputs(orders, new Random(1));
    System.out.printf(Locale.ROOT, "trusted core: %,d inputs; warming up%n", inputs.size());
    baseline(inputs);
    ours(inputs);
    List<Double> base = new ArrayList<>();
    List<Double> core = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      base.add(rate(inputs.size(), () -> baseline(inputs)));
      core.add(rate(inputs.size(), () -> ours(inputs)));
      System.out.printf(
          Locale.ROOT,
          "run %d: decode only %,.0f inputs/s, trusted core %,.0f inputs/s%n",
          run + 1,
          base.get(run),
          core.get(run));
    }
    double medianBase = median(base);
    double medianCore = median(core);
    double ordersPerSecond = medianCore * orders / inputs.size();
    System.out.printf(
        Locale.ROOT,
        "%n| runner | inputs/s (median) | runs |%n|---|---|---|%n"
            + "| baseline: decode every input once | %,.0f | %s |%n"
            + "| trusted core (%,d orders, %,.0f orders/s) | %,.0f | %s |%n"
            + "| ratio core / baseline | %.3f | |%n",
        medianBase,
        list(base),
        orders,
        ordersPerSecond,
        medianCore,
        list(core),
        medianCore / medianBase);
    return 0;
  }

  private static void baseline(List<Input> inputs) {
    Map<Dataset, RawRowCodec> codecs = new EnumMap<>(Dataset.class);
    for (Dataset dataset : Dataset.values()) {
      codecs.put(dataset, new RawRowCodec(dataset.contract()));
    }
    long fields = 0;
    for (Input input : inputs) {
      fields += codecs.get(input.dataset()).decode(input.value()).values().length;
    }
    if (fields == 0) {
      throw new IllegalStateException("nothing decoded");
    }
  }

  private static void ours(List<Input> inputs) {
    TrustedCore core = new TrustedCore(KEY, new MemoryTrustedStore(), 5_000);
    long emitted = 0;
    int since = 0;
    for (Input input : inputs) {
      switch (input.dataset()) {
        case ORDER -> core.onOrderCopy(input.value(), input.timestamp());
        case ORDER_STATUS -> core.onStatus(input.value(), input.timestamp());
        default -> core.onDimension(input.dataset(), input.value(), input.timestamp());
      }
      if (++since == EMIT_EVERY) {
        emitted += count(core.emitDue(input.timestamp()));
        since = 0;
      }
    }
    while (core.backlog().pendingOrders() > 0 || core.backlog().sweeps() > 0) {
      emitted += count(core.emitDue(inputs.size() + 1_000L));
    }
    if (emitted == 0) {
      throw new IllegalStateException("the core emitted nothing");
    }
  }

  /** The rows emitted; the inputs are all valid, so a dead letter is a broken benchmark. */
  private static int count(List<TrustedEmission> emissions) {
    for (TrustedEmission emission : emissions) {
      if (emission.output() == TrustedEmission.Output.DEAD_LETTER) {
        throw new IllegalStateException(
            "benchmark input went to the dead letters: "
                + new String(emission.value(), StandardCharsets.UTF_8));
      }
    }
    return emissions.size();
  }

  private static double rate(int count, Runnable work) {
    long start = System.nanoTime();
    work.run();
    return count / ((System.nanoTime() - start) / 1e9);
  }

  /**
   * The contract's shape: a consumer per 4 orders, a restaurant per 40, arriving first; each order
   * with 2 items (one with a garnish) and 3 status events, its statuses shortly after it; at the
   * end, one restaurant in a hundred changes (its orders are rebuilt again).
   */
  static List<Input> inputs(int orders, Random random) {
    Encoder encoder = new Encoder();
    List<Input> inputs = new ArrayList<>();
    int consumers = Math.max(1, orders / 4);
    int restaurants = Math.max(1, orders / 40);
    for (int c = 0; c < consumers; c++) {
      inputs.add(encoder.consumer("c-" + c, "1699999" + (1000 + c % 9000)));
    }
    for (int r = 0; r < restaurants; r++) {
      inputs.add(encoder.restaurant("m-" + r, "CITY" + r));
    }
    List<Input> statuses = new ArrayList<>();
    for (int o = 0; o < orders; o++) {
      String id = "o-" + o;
      String created =
          String.format(Locale.ROOT, "2019-01-%02dT%02d:%02d:06.000Z", 1 + o % 28, o % 24, o % 60);
      inputs.add(
          encoder.order(
              id,
              created,
              "c-" + random.nextInt(consumers),
              "m-" + random.nextInt(restaurants),
              random.nextInt(100)));
      for (int s = 0; s < FLOW.length; s++) {
        statuses.add(encoder.status(id, id + "-s" + s, FLOW[s], created));
      }
      if (statuses.size() >= 300) {
        inputs.addAll(statuses);
        statuses.clear();
      }
    }
    inputs.addAll(statuses);
    for (int r = 0; r < restaurants; r += 100) {
      inputs.add(encoder.restaurant("m-" + r, "RENAMED" + r));
    }
    return inputs;
  }

  /** JSON records of the contract, parsed and encoded as the raw stage puts them on its topics. */
  private static final class Encoder {
    private final Map<Dataset, RawRecordParser> parsers = new EnumMap<>(Dataset.class);
    private final Map<Dataset, RawRowCodec> codecs = new EnumMap<>(Dataset.class);
    private long offset;

    Encoder() {
      for (Dataset dataset : Dataset.values()) {
        parsers.put(dataset, new RawRecordParser(dataset.contract()));
        codecs.put(dataset, new RawRowCodec(dataset.contract()));
      }
    }

    Input order(String id, String createdAt, String customer, String merchant, int price) {
      String garnish =
          "{\"name\": \"BACON\", \"addition\": {\"value\": \"300\", \"currency\": \"BRL\"},"
              + " \"quantity\": 1.00, \"sequence\": 2, \"unitPrice\": {\"value\": \"300\","
              + " \"currency\": \"BRL\"}, \"totalValue\": {\"value\": \"300\", \"currency\": \"BRL\"}}";
      String items =
          "[{\"name\": \"X-BURGER\", \"quantity\": 1.00, \"sequence\": 1, \"unitPrice\": {\"value\": \""
              + (2000 + price)
              + "\", \"currency\": \"BRL\"}, \"totalValue\": {\"value\": \""
              + (2000 + price)
              + "\", \"currency\": \"BRL\"}, \"garnishItems\": ["
              + garnish
              + "]}, {\"name\": \"SODA\", \"quantity\": 2.00, \"sequence\": 2, \"unitPrice\":"
              + " {\"value\": \"500\", \"currency\": \"BRL\"}, \"totalValue\": {\"value\": \"1000\","
              + " \"currency\": \"BRL\"}, \"garnishItems\": []}]";
      return encode(
          Dataset.ORDER,
          "{\"order_id\":\""
              + id
              + "\",\"order_created_at\":\""
              + createdAt
              + "\",\"cpf\":\"01234567890\",\"customer_id\":\""
              + customer
              + "\",\"customer_name\":\"Ana\",\"merchant_id\":\""
              + merchant
              + "\",\"merchant_timezone\":\"America/Sao_Paulo\","
              + "\"delivery_address_latitude\":\"-47.3906\",\"delivery_address_longitude\":\"-20.5386\","
              + "\"delivery_address_external_id\":\"123456\",\"delivery_address_city\":\"FRANCA\","
              + "\"delivery_address_state\":\"SP\",\"order_total_amount\":46.0,\"order_scheduled\":false,"
              + "\"items\":\""
              + items.replace("\\", "\\\\").replace("\"", "\\\"")
              + "\"}");
    }

    Input status(String orderId, String statusId, String value, String createdAt) {
      return encode(
          Dataset.ORDER_STATUS,
          "{\"order_id\":\""
              + orderId
              + "\",\"status_id\":\""
              + statusId
              + "\",\"value\":\""
              + value
              + "\",\"created_at\":\""
              + createdAt
              + "\"}");
    }

    Input consumer(String id, String phone) {
      return encode(
          Dataset.CONSUMER,
          "{\"customer_id\":\""
              + id
              + "\",\"language\":\"pt-br\",\"created_at\":\"2018-04-05T14:49:18.165Z\","
              + "\"active\":\"true\",\"customer_name\":\"Maria\",\"customer_phone_area\":\"16\","
              + "\"customer_phone_number\":\""
              + phone
              + "\"}");
    }

    Input restaurant(String id, String city) {
      return encode(
          Dataset.RESTAURANT,
          "{\"id\":\""
              + id
              + "\",\"created_at\":\"2017-01-23T12:52:30.000Z\",\"enabled\":\"true\","
              + "\"price_range\":\"3\",\"average_ticket\":\"60.0\",\"takeout_time\":\"0\","
              + "\"delivery_time\":\"45\",\"minimum_order_value\":\"30.0\","
              + "\"merchant_zip_code\":\"14400\",\"merchant_city\":\""
              + city
              + "\",\"merchant_state\":\"SP\",\"merchant_country\":\"BR\"}");
    }

    private Input encode(Dataset dataset, String json) {
      ParseResult result = parsers.get(dataset).parse(json.getBytes(StandardCharsets.UTF_8));
      if (!(result instanceof ParseResult.Parsed parsed)) {
        throw new IllegalStateException("benchmark input does not parse: " + result + " " + json);
      }
      long at = offset++;
      byte[] value =
          codecs
              .get(dataset)
              .encode(
                  parsed.values(), new Lineage(dataset.topic(), 0, at, at, "s3://bench/f", at + 1));
      return new Input(dataset, value, at);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static String list(List<Double> values) {
    return String.join(
        " · ", values.stream().map(v -> String.format(Locale.ROOT, "%,.0f", v)).toList());
  }
}
