package dev.lakehouse.bench;

import java.util.Arrays;

/** Entry point of {@code benchmarks/run}: the first argument names the harness. */
public final class BenchmarkMain {
  private BenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    switch (args.length == 0 ? "" : args[0]) {
      case "ingest" -> System.exit(IngestBenchmark.run(rest));
      case "raw" -> System.exit(RawBenchmark.run(rest));
      case "trusted" -> System.exit(TrustedBenchmark.run(rest));
      case "trusted-core" -> System.exit(TrustedCoreBenchmark.run(rest));
      case "nightly" -> System.exit(NightlyBenchmark.run(rest));
      case "compare" -> System.exit(dev.lakehouse.bench.compare.CompareBenchmark.run(rest));
      default -> {
        System.err.println("usage: benchmarks/run ingest [--orders N] [--runs K] [--work DIR]");
        System.err.println(
            "       benchmarks/run raw [--orders N] [--live-seconds S] [--live-rate ORDERS_PER_S] [--work DIR]");
        System.err.println(
            "       benchmarks/run trusted [--orders N] [--live-seconds S] [--live-rate ORDERS_PER_S] [--work DIR]");
        System.err.println("       benchmarks/run trusted-core [--orders N] [--runs K]");
        System.err.println(
            "       benchmarks/run nightly [--orders N] [--live-seconds S] [--live-rate ORDERS_PER_S] [--work DIR]");
        System.err.println(
            "       benchmarks/run compare [--orders N] [--runs K] [--live-seconds S] [--live-rate ORDERS_PER_S]");
        System.err.println(
            "              [--runners limit,ours,connect-default,connect-5s] [--connect-tasks T] [--work DIR] [--out DIR]");
        System.exit(2);
      }
    }
  }
}
