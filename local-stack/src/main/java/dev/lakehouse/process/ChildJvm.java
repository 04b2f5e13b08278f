package dev.lakehouse.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JVM started by this one, wrapped in {@link ParentWatchdog} so that it dies with us, with its
 * output in a log file. {@link #close()} asks it to stop (SIGTERM) and then forces it.
 */
public final class ChildJvm implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChildJvm.class);

  private final String name;
  private final Process process;
  private final Path logFile;

  private ChildJvm(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  /**
   * Describes a child JVM to start: {@code javaHome} is the JDK it runs on, this JVM's own unless a
   * server needs a newer one (Trino); {@code workingDirectory} is where it runs, this JVM's own
   * when null.
   */
  public record Spec(
      String name,
      Path javaHome,
      List<Path> classpath,
      List<String> jvmOptions,
      String mainClass,
      List<String> args,
      Path logFile,
      Path workingDirectory) {
    public Spec {
      classpath = List.copyOf(classpath);
      jvmOptions = List.copyOf(jvmOptions);
      args = List.copyOf(args);
    }

    /** A child on this JVM's own JDK. */
    public Spec(
        String name,
        List<Path> classpath,
        List<String> jvmOptions,
        String mainClass,
        List<String> args,
        Path logFile) {
      this(
          name,
          Path.of(System.getProperty("java.home")),
          classpath,
          jvmOptions,
          mainClass,
          args,
          logFile,
          null);
    }
  }

  public static ChildJvm start(Spec spec) throws IOException {
    List<Path> classpath = new ArrayList<>(spec.classpath());
    classpath.add(0, LakehouseHome.codeLocationOf(ParentWatchdog.class));
    List<String> command = new ArrayList<>();
    command.add(spec.javaHome().resolve("bin").resolve("java").toString());
    command.addAll(spec.jvmOptions());
    command.add("-cp");
    command.add(
        String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList()));
    command.add(ParentWatchdog.class.getName());
    command.add(spec.mainClass());
    command.addAll(spec.args());
    Files.createDirectories(spec.logFile().toAbsolutePath().getParent());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()))
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    if (spec.workingDirectory() != null) {
      builder.directory(spec.workingDirectory().toFile());
    }
    Process process = builder.start();
    LOG.info("started {} (pid {}), log {}", spec.name(), process.pid(), spec.logFile());
    return new ChildJvm(spec.name(), process, spec.logFile());
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path logFile() {
    return logFile;
  }

  /**
   * Waits for the child to end; returns its exit code, or empty if it is still running after the
   * timeout.
   */
  public java.util.OptionalInt waitFor(Duration timeout) throws InterruptedException {
    if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return java.util.OptionalInt.of(process.exitValue());
    }
    return java.util.OptionalInt.empty();
  }

  /** The last lines of the child's log, for error messages. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join(
          System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(log " + logFile + " unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        LOG.warn("{} (pid {}) did not stop within 10 s; killing it", name, process.pid());
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    LOG.info("stopped {} (pid {})", name, process.pid());
  }
}
