package dev.lakehouse.cli;

import dev.lakehouse.common.files.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Records which process runs the local stack of a data directory, so that a second one is refused.
 */
final class StackPidFile {
  private final Path file;

  StackPidFile(Path file) {
    this.file = file;
  }

  /** The pid of a live process that holds this data directory, if any. */
  OptionalLong liveOwner() {
    if (!Files.exists(file)) {
      return OptionalLong.empty();
    }
    try {
      long pid = Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim());
      Optional<ProcessHandle> handle = ProcessHandle.of(pid);
      return handle.isPresent() && handle.get().isAlive()
          ? OptionalLong.of(pid)
          : OptionalLong.empty();
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  void claim() throws IOException {
    OwnerOnlyFiles.createDirectories(file.getParent());
    Files.writeString(file, Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
  }

  void release() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a stale pid file is detected as stale on the next start
    }
  }
}
