package dev.lakehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.ingest.generate.GeneratorOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The options of {@code generate} and {@code ingest}: their defaults, and the message a wrong value
 * exits 2 with.
 */
class CommandOptionsTest {

  @Test
  void generateHasItsOwnDefaultsOfTheGeneratedFiles() {
    GenerateCommand generate = new GenerateCommand();
    new CommandLine(generate).parseArgs("dir");
    assertThat(generate.files.options()).isEqualTo(new GeneratorOptions(1, 10_000, 0));
    new CommandLine(generate).parseArgs("dir", "--orders", "7", "--seed", "5", "--bad-rate", "0.2");
    assertThat(generate.files.options()).isEqualTo(new GeneratorOptions(5, 7, 0.2));
    assertThat(new CommandLine(new GenerateCommand()).getUsageMessage())
        .contains(
            "--orders=N",
            "(default: 10000)",
            "--seed=N",
            "(default: 1)",
            "--bad-rate=FRACTION",
            "(default: 0.0)");
  }

  @Test
  void aBadRateOutOfRangeExitsTwoNamingIt(@TempDir Path dir) {
    Exit exit = execute(new GenerateCommand(), dir.toString(), "--bad-rate", "0.9");
    assertThat(exit.code()).isEqualTo(2);
    assertThat(exit.err())
        .isEqualTo("lakehouse generate: badRate must be between 0 and 0.5, got 0.9\n");
  }

  @Test
  void aSettleOutOfRangeExitsTwoNamingIt(@TempDir Path dir) {
    for (String settle : new String[] {"-1", "3601", "NaN", "Infinity"}) {
      Exit exit = execute(new IngestCommand(), dir.toString(), "--settle", settle);
      assertThat(exit.code()).as(settle).isEqualTo(2);
      assertThat(exit.err())
          .as(settle)
          .isEqualTo(
              "lakehouse ingest: --settle must be between 0 and 3600 seconds, was "
                  + Double.parseDouble(settle)
                  + "\n");
    }
  }

  private record Exit(int code, String err) {}

  private static Exit execute(Callable<Integer> command, String... args) {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      int code = new CommandLine(command).execute(args);
      return new Exit(
          code, captured.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    } finally {
      System.setErr(err);
    }
  }
}
