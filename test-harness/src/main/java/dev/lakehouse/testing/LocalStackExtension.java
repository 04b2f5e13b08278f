package dev.lakehouse.testing;

import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.process.LakehouseHome;
import dev.lakehouse.stack.LocalStack;
import dev.lakehouse.stack.StackConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one local stack per test JVM (on free loopback ports, in a temporary data directory, so it
 * never collides with a stack a developer runs) and stops it when the JVM's tests are done.
 */
public final class LocalStackExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalStackExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == LocalStack.class || type == LakehouseSettings.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    LocalStack stack = stack(context);
    return parameter.getParameter().getType() == LocalStack.class ? stack : stack.settings();
  }

  /** The stack of this test JVM, started on first use. */
  public static LocalStack stack(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(StartedStack.class, key -> StartedStack.start(), StartedStack.class)
        .stack;
  }

  private static final class StartedStack implements ExtensionContext.Store.CloseableResource {
    private final LocalStack stack;
    private final Path dataDir;

    private StartedStack(LocalStack stack, Path dataDir) {
      this.stack = stack;
      this.dataDir = dataDir;
    }

    static StartedStack start() {
      try {
        Path dataDir = Files.createTempDirectory("lakehouse-it-");
        LocalStack stack =
            LocalStack.start(StackConfig.withFreePorts(dataDir), LakehouseHome.fromEnvironment());
        return new StartedStack(stack, dataDir);
      } catch (IOException e) {
        throw new ParameterResolutionException(
            "cannot create a data directory for the local stack", e);
      }
    }

    @Override
    public void close() throws IOException {
      stack.close();
      try (Stream<Path> paths = Files.walk(dataDir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
