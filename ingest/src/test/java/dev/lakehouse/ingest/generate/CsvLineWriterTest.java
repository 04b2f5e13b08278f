package dev.lakehouse.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsvLineWriterTest {
  @Test
  void quotesOnlyCellsThatNeedIt() {
    String[] cells = {"plain", null, "Silva, Maria", "Ana \"Aninha\"", "", "a\rb", "x\ny", "João"};
    String row = CsvLineWriter.row(cells);
    assertThat(row)
        .isEqualTo("plain,,\"Silva, Maria\",\"Ana \"\"Aninha\"\"\",,\"a\rb\",\"x\ny\",João");
  }

  @Test
  void roundTripsThroughAnRfc4180Reader() {
    String[] cells = {"id", "Silva, Maria", "Ana \"Aninha\"", null, "\"", ",", "last"};
    assertThat(SourceFiles.csvCells(CsvLineWriter.row(cells)))
        .containsExactlyElementsOf(Arrays.asList(cells));
  }
}
