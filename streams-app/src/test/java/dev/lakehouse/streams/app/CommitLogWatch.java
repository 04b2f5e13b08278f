package dev.lakehouse.streams.app;

import static org.assertj.core.api.Assertions.fail;

import dev.lakehouse.process.ChildJvm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Follows a child's log file and counts the lines holding a marker (e.g. the writer's "committed
 * snapshot") as they appear.
 */
public final class CommitLogWatch {
  private final Path file;
  private final String marker;
  private long position;
  private String partial = "";
  private int commits;
  private String lastCommitTime;

  public CommitLogWatch(Path file, String marker) {
    this.file = file;
    this.marker = marker;
  }

  public int commits() {
    return commits;
  }

  /** Reads what was appended since the last call; returns the commit lines among it. */
  public int poll() throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size <= position) {
        return 0;
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size - position, 16 << 20));
      while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) > 0) {
        // read all that is there
      }
      position += buffer.position();
      String text =
          partial + new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
      int end = text.lastIndexOf('\n');
      partial = text.substring(end + 1);
      int found = 0;
      for (int at = text.indexOf(marker); at >= 0 && at <= end; at = text.indexOf(marker, at + 1)) {
        found++;
        int lineStart = text.lastIndexOf('\n', at) + 1;
        lastCommitTime = text.substring(lineStart, Math.min(at, lineStart + 12));
      }
      commits += found;
      return found;
    }
  }

  /**
   * Waits until the run has logged this many commits in all; returns the age of the last one's log
   * line (ms), or -1.
   */
  public long awaitCommits(ChildJvm app, int wanted, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      poll();
      if (commits >= wanted) {
        try {
          long age =
              Duration.between(java.time.LocalTime.parse(lastCommitTime), java.time.LocalTime.now())
                  .toMillis();
          return age < 0 ? age + Duration.ofDays(1).toMillis() : age;
        } catch (RuntimeException unparsable) {
          return -1;
        }
      }
      if (!app.isAlive()) {
        fail("the app died waiting for its commit #%d; log:%n%s", wanted, app.logTail(40));
      }
      if (System.nanoTime() > deadline) {
        fail("no commit #%d within %s; log:%n%s", wanted, timeout, app.logTail(40));
      }
      Thread.sleep(10);
    }
  }
}
