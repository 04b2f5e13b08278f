package dev.lakehouse.cli;

import dev.lakehouse.common.files.OwnerOnlyFiles;
import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.trino.LakeTrino;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Trino over the local lake ({@link LakeTrino}), for {@code ./lakehouse sql} and {@code ./lakehouse
 * up --with-trino}. While it runs, {@value #URL_FILE} in the data directory says where, so that
 * {@code ./lakehouse sql} uses it instead of starting its own.
 */
final class LocalTrino implements AutoCloseable {
  static final String URL_FILE = "trino.url";
  private static final int HEAP_MEGABYTES = 2048;

  private final LakeTrino trino;
  private final Path urlFile;

  private LocalTrino(LakeTrino trino, Path urlFile) {
    this.trino = trino;
    this.urlFile = urlFile;
  }

  /**
   * Starts Trino on {@code port} (0: a free one) with its files in {@code workDir}; when {@code
   * dataDir} is given, writes {@value #URL_FILE} there until {@link #close()}.
   */
  static LocalTrino start(
      LakehouseSettings settings, Path workDir, int port, Optional<Path> dataDir)
      throws IOException {
    LakeTrino trino = LakeTrino.start(settings, workDir, port, HEAP_MEGABYTES);
    try {
      Path urlFile = null;
      if (dataDir.isPresent()) {
        urlFile = dataDir.get().resolve(URL_FILE);
        OwnerOnlyFiles.write(
            urlFile,
            (trino.jdbcUrl() + "\n" + ProcessHandle.current().pid() + "\n")
                .getBytes(StandardCharsets.UTF_8));
      }
      return new LocalTrino(trino, urlFile);
    } catch (IOException | RuntimeException e) {
      trino.close();
      throw e;
    }
  }

  /** The JDBC URL of the Trino that {@code up --with-trino} keeps running, if it still runs. */
  static Optional<String> running(Path dataDir) {
    Path file = dataDir.resolve(URL_FILE);
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.size() < 2) {
        return Optional.empty();
      }
      boolean alive =
          ProcessHandle.of(Long.parseLong(lines.get(1).trim()))
              .map(ProcessHandle::isAlive)
              .orElse(false);
      return alive ? Optional.of(lines.get(0).trim()) : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  String jdbcUrl() {
    return trino.jdbcUrl();
  }

  String uri() {
    return trino.uri();
  }

  long pid() {
    return trino.pid();
  }

  Path log() {
    return trino.logFile();
  }

  @Override
  public void close() {
    try {
      if (urlFile != null) {
        Files.deleteIfExists(urlFile);
      }
    } catch (IOException ignored) {
      // a stale file names a dead pid, which running() ignores
    }
    trino.close();
  }
}
