package dev.lakehouse.nightly;

import dev.lakehouse.nightly.maintenance.StepResult;
import dev.lakehouse.nightly.maintenance.StepStatus;
import dev.lakehouse.nightly.measure.MeasureResult;
import dev.lakehouse.nightly.views.ViewChange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One readable line per finished table, appended to the {@code --progress} file as the run goes:
 * what {@code ./lakehouse nightly} shows on the console while the Spark JVM works.
 */
final class ProgressFile {
  private final Optional<Path> file;

  ProgressFile(Optional<Path> file) {
    this.file = file;
  }

  void table(List<StepResult> steps) {
    if (file.isEmpty() || steps.isEmpty()) {
      return;
    }
    long millis = steps.stream().mapToLong(StepResult::millis).sum();
    String done =
        steps.stream()
            .filter(s -> s.status() != StepStatus.NOTHING_TO_DO)
            .map(
                s ->
                    s.step()
                        + (s.status() == StepStatus.DONE ? "" : " " + s.status())
                        + ": "
                        + s.summary())
            .collect(Collectors.joining("; "));
    String line =
        String.format(
            Locale.ROOT,
            "%-28s %6.1f s  %s%n",
            steps.get(0).table(),
            millis / 1000.0,
            done.isEmpty() ? "nothing to do" : done);
    append(line);
  }

  /** One line for the views step: how many views it created, replaced or left. */
  void views(List<ViewChange> views) {
    if (file.isEmpty() || views.isEmpty()) {
      return;
    }
    long changed = views.stream().filter(ViewChange::changed).count();
    long failed = views.stream().filter(v -> v.action() == ViewChange.Action.FAILED).count();
    append(
        String.format(
            Locale.ROOT,
            "%-28s %d view(s): %d created or replaced, %d failed%s%n",
            "views",
            views.size(),
            changed,
            failed,
            views.size() == 1 && views.get(0).action() == ViewChange.Action.SKIPPED
                ? " (" + views.get(0).reason() + ")"
                : ""));
  }

  /** One line for the measure step: what it added to the star schema, or why it did not run. */
  void measure(MeasureResult measure) {
    if (file.isEmpty()) {
      return;
    }
    append(
        String.format(
            Locale.ROOT,
            "%-28s %6.1f s  %s%n",
            "measure",
            measure.millis() / 1000.0,
            measure.outcome()));
  }

  private void append(String line) {
    try {
      Files.writeString(
          file.get(),
          line,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the progress file " + file.get(), e);
    }
  }
}
