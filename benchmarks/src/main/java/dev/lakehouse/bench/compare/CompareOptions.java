package dev.lakehouse.bench.compare;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The options of {@code benchmarks/run compare}, checked before anything starts. */
record CompareOptions(
    long orders,
    int runs,
    int liveSeconds,
    double liveRate,
    List<String> runners,
    int connectTasks,
    Path work,
    Path out) {

  static final List<String> ALL_RUNNERS = List.of("limit", "ours", "connect-default", "connect-5s");

  static CompareOptions parse(String[] args) {
    long orders = 1_000_000;
    int runs = 3;
    int liveSeconds = 60;
    double liveRate = 1_000;
    List<String> runners = ALL_RUNNERS;
    int connectTasks = 1;
    Path work = Path.of("benchmarks/target/ingest-work");
    Path out = Path.of("benchmarks/target/compare");
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + args[i] + " needs a value");
      }
      String value = args[i + 1];
      switch (args[i]) {
        case "--orders" -> orders = Long.parseLong(value);
        case "--runs" -> runs = Integer.parseInt(value);
        case "--live-seconds" -> liveSeconds = Integer.parseInt(value);
        case "--live-rate" -> liveRate = Double.parseDouble(value);
        case "--runners" -> runners = List.of(value.split(","));
        case "--connect-tasks" -> connectTasks = Integer.parseInt(value);
        case "--work" -> work = Path.of(value);
        case "--out" -> out = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (orders < 1 || runs < 1 || liveSeconds < 0 || liveRate <= 0 || connectTasks < 1) {
      throw new IllegalArgumentException(
          "--orders, --runs, --live-rate and --connect-tasks must be positive, --live-seconds at least 0");
    }
    for (String runner : runners) {
      if (!ALL_RUNNERS.contains(runner)) {
        throw new IllegalArgumentException("unknown runner " + runner + "; known: " + ALL_RUNNERS);
      }
    }
    return new CompareOptions(
        orders, runs, liveSeconds, liveRate, runners, connectTasks, work, out);
  }

  /** The runners asked for, in the order each round runs them. */
  List<Runner> createRunners() {
    List<Runner> created = new ArrayList<>();
    for (String runner : runners) {
      created.add(
          switch (runner) {
            case "limit" -> new LimitRunner();
            case "ours" -> new OursRunner();
            case "connect-default" -> new ConnectRunner(runner, Optional.empty(), connectTasks);
            case "connect-5s" ->
                new ConnectRunner(runner, Optional.of(Duration.ofSeconds(5)), connectTasks);
            default -> throw new IllegalArgumentException(runner);
          });
    }
    return created;
  }
}
