package dev.lakehouse.streams.trusted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.query.LakeView;
import dev.lakehouse.common.query.LakeViews;
import dev.lakehouse.common.query.SqlDialect;
import dev.lakehouse.common.query.TableColumns;
import dev.lakehouse.common.query.ViewStatements;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.types.Types.NestedField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statement files for the engines that cannot run here, checked by a real SQL parser of their
 * dialect: sqlfluff (the Debian package, which .ci/run installs) parses the Redshift script with
 * {@code --dialect redshift}, the Athena script with {@code --dialect athena}, and each view's
 * Spark SQL with {@code --dialect sparksql}. A parse error anywhere fails the test; one broken
 * statement shows that it would.
 */
class ViewStatementsSqlfluffIT {

  @Test
  void everyGeneratedStatementParsesInItsDialect(@TempDir Path dir) throws Exception {
    List<LakeView> views = LakeViews.all(trustedColumns());
    Path redshift =
        write(
            dir.resolve("redshift.sql"),
            ViewStatements.redshift(
                views,
                new ViewStatements.RedshiftTarget(
                    "trusted", "arn:aws:iam::123456789012:role/spectrum", "sa-east-1")));
    Path athena = write(dir.resolve("athena.sql"), ViewStatements.athena(views));
    StringBuilder spark = new StringBuilder();
    for (LakeView view : views) {
      spark
          .append("CREATE OR REPLACE VIEW ")
          .append(SqlDialect.SPARK.view(view.namespace(), view.name()))
          .append(" AS ")
          .append(view.query(SqlDialect.SPARK))
          .append(";\n");
    }
    Path sparkFile = write(dir.resolve("spark.sql"), spark.toString());

    assertParses(redshift, "redshift");
    assertParses(athena, "athena");
    assertParses(sparkFile, "sparksql");

    Path broken =
        write(
            dir.resolve("broken.sql"),
            Files.readString(redshift).replace("WITH NO SCHEMA BINDING", "WITH NO SCHEMA BOUND"));
    assertThat(sqlfluff(broken, "redshift").exitCode())
        .as("sqlfluff refuses a broken statement")
        .isNotZero();
  }

  private static Map<String, TableColumns> trustedColumns() {
    return LakeViews.trustedColumns(
        table ->
            TrustedTables.versionedSchema(table).columns().stream()
                .map(NestedField::name)
                .toList());
  }

  private static Path write(Path file, String sql) throws Exception {
    Files.writeString(file, sql, StandardCharsets.UTF_8);
    return file;
  }

  private static void assertParses(Path file, String dialect) throws Exception {
    Parse parse = sqlfluff(file, dialect);
    assertThat(parse.exitCode())
        .as("sqlfluff parse --dialect %s %s:%n%s", dialect, file.getFileName(), parse.output())
        .isZero();
    assertThat(parse.output()).doesNotContain("unparsable");
  }

  private record Parse(int exitCode, String output) {}

  private static Parse sqlfluff(Path file, String dialect) throws Exception {
    Process process;
    try {
      process =
          new ProcessBuilder("sqlfluff", "parse", "--dialect", dialect, file.toString())
              .redirectErrorStream(true)
              .start();
    } catch (java.io.IOException notInstalled) {
      throw new AssertionError(
          "sqlfluff is not installed: apt-get install sqlfluff (.ci/run does)", notInstalled);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("sqlfluff ended").isTrue();
    return new Parse(process.exitValue(), output);
  }
}
