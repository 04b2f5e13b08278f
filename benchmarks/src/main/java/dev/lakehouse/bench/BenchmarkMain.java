package dev.lakehouse.bench;

import java.util.Arrays;

/** Entry point of {@code benchmarks/run}: the first argument names the harness. */
public final class BenchmarkMain {
  private BenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !args[0].equals("ingest")) {
      System.err.println("usage: benchmarks/run ingest [--orders N] [--runs K] [--work DIR]");
      System.exit(2);
    }
    System.exit(IngestBenchmark.run(Arrays.copyOfRange(args, 1, args.length)));
  }
}
