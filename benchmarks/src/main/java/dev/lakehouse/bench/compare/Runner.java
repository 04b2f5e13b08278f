package dev.lakehouse.bench.compare;

/** One contender of the comparison: it lands every record of the source topics, once per run. */
interface Runner {
  /** A short stable name, used in the result file. */
  String name();

  /** A description for the report. */
  String description();

  /** Lands the whole backlog from a fresh start; the clock runs from its process start. */
  RunResult throughput(RunContext context, int run) throws Exception;
}
