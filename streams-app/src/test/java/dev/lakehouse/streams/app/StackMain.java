package dev.lakehouse.streams.app;

import dev.lakehouse.process.LakehouseHome;
import dev.lakehouse.stack.LocalStack;
import dev.lakehouse.stack.StackConfig;
import java.nio.file.Path;

/**
 * The local stack (broker, S3 server, catalog file) in a JVM of its own, for the faults that take
 * the whole stack down at once: {@link ChildStack} starts it and SIGKILLs it. It runs until it is
 * killed; SIGTERM closes it. Arguments: data directory, host, Kafka port, controller port, S3 port,
 * bucket, catalog name.
 */
public final class StackMain {
  static final String READY = "fault-it stack ready";

  private StackMain() {}

  public static void main(String[] args) throws Exception {
    StackConfig config =
        new StackConfig(
            Path.of(args[0]),
            args[1],
            Integer.parseInt(args[2]),
            Integer.parseInt(args[3]),
            Integer.parseInt(args[4]),
            args[5],
            args[6]);
    LocalStack stack = LocalStack.start(config, LakehouseHome.fromEnvironment());
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "stack-close"));
    System.out.println(READY);
    Thread.currentThread().join();
  }
}
