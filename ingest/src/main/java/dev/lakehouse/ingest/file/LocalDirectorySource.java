package dev.lakehouse.ingest.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Source files in a local directory (recursively, not into hidden folders, passing over an entry
 * that vanishes or cannot be read during the walk: {@link SourceTreeWalk}). A file is listed only
 * once it has settled: neither its size nor its modification time changed within the settle window,
 * judged both by its modification time and by what earlier listings saw. So a file still being
 * copied in is not read in part (and then flagged changed) nor, when it is gzip, found truncated:
 * it is read whole once the copy is done.
 */
final class LocalDirectorySource implements SourceLocation {
  /** What a listing saw of a file, and since when. */
  private record Seen(long size, long modifiedMillis, Instant since) {}

  private final Path root;
  private final Duration settle;
  private final Clock clock;
  private final SourceFileNames names;
  private final Map<Path, Seen> seen = new HashMap<>();
  private Optional<Duration> heldBack = Optional.empty();

  LocalDirectorySource(Path root, Duration settle, Clock clock, SourceFileNames names) {
    this.root = root.toAbsolutePath().normalize();
    this.settle = settle;
    this.clock = clock;
    this.names = names;
  }

  @Override
  public List<SourceFile> list() throws IOException {
    if (!Files.isDirectory(root)) {
      throw new NoSuchFileException(root.toString(), null, "not a directory");
    }
    Instant now = clock.instant();
    List<SourceFile> files = new ArrayList<>();
    Map<Path, Seen> current = new HashMap<>();
    Duration soonest = null;
    for (SourceTreeWalk.Found file : SourceTreeWalk.of(root, names)) {
      Path path = file.path();
      long size = file.attributes().size();
      long modified = file.attributes().lastModifiedTime().toMillis();
      Seen before = seen.get(path);
      Seen observed =
          before != null && before.size() == size && before.modifiedMillis() == modified
              ? before
              : new Seen(size, modified, now);
      current.put(path, observed);
      Duration wait = untilSettled(now, modified, observed.since());
      if (!wait.isZero()) {
        soonest = soonest == null || wait.compareTo(soonest) < 0 ? wait : soonest;
        continue;
      }
      files.add(
          new SourceFile(path.toUri().toString(), size, size + "-" + modified, file.dataset()));
    }
    seen.clear();
    seen.putAll(current);
    heldBack = Optional.ofNullable(soonest);
    files.sort(Comparator.comparing(SourceFile::uri));
    return files;
  }

  /**
   * Zero when the file settled: unchanged for the settle window by its modification time or by our
   * listings.
   */
  private Duration untilSettled(Instant now, long modifiedMillis, Instant unchangedSince) {
    Duration byTime = settle.minus(Duration.between(Instant.ofEpochMilli(modifiedMillis), now));
    Duration byListings = settle.minus(Duration.between(unchangedSince, now));
    Duration wait = byTime.compareTo(byListings) < 0 ? byTime : byListings;
    return wait.isNegative() || wait.isZero() ? Duration.ZERO : wait;
  }

  @Override
  public Optional<Duration> heldBack() {
    return heldBack;
  }

  @Override
  public InputStream open(SourceFile file) throws IOException {
    return Files.newInputStream(Path.of(java.net.URI.create(file.uri())));
  }

  @Override
  public String describe() {
    return root.toString();
  }
}
