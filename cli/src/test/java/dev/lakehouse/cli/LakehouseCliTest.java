package dev.lakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.ingest.generate.GeneratorOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LakehouseCliTest {

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cli = LakehouseCli.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void helpListsTheSubcommands() {
    Run help = run("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains("up", "status", "Start the local stack", "Show whether the broker");
  }

  @Test
  void everySubcommandHasHelp() {
    assertThat(run("up", "--help").out())
        .contains("--kafka-port", "--s3-port", "--controller-port", "--data-dir", "9092");
    assertThat(run("status", "--help").out()).contains("--config", "--data-dir");
  }

  @Test
  void theDemoHasItsOwnDefaultsOfTheGeneratedFiles() {
    assertThat(run("demo", "--help").out())
        .contains(
            "--orders=N",
            "(default: 20000)",
            "--seed=N",
            "(default: 42)",
            "--bad-rate=FRACTION",
            "(default: 0.01)");
    DemoCommand demo = new DemoCommand();
    new CommandLine(demo).parseArgs();
    assertThat(demo.files.options()).isEqualTo(new GeneratorOptions(42, 20_000, 0.01));
    new CommandLine(demo).parseArgs("--orders", "7", "--seed", "5", "--bad-rate", "0");
    assertThat(demo.files.options()).isEqualTo(new GeneratorOptions(5, 7, 0));
  }

  @Test
  void badOptionsAreRejectedWithAUsageMessage() {
    Run bad = run("up", "--kafka-port", "not-a-number");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--kafka-port");
    assertThat(run("frobnicate").exitCode()).isEqualTo(2);
  }

  @Test
  void statusWithoutSettingsSaysHowToStartTheStack(@TempDir Path dir) {
    Run status = run("status", "--data-dir", dir.toString());
    assertThat(status.exitCode()).isEqualTo(1);
  }
}
