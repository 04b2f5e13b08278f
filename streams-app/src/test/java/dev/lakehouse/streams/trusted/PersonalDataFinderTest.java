package dev.lakehouse.streams.trusted;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersonalDataFinderTest {
  private final PersonalDataFinder finder =
      new PersonalDataFinder(List.of("01234567890", "Maria das Graças", "Mariana", "16"));

  @Test
  void findsAValueWholeOrInsideLongerTextButNotAFirstNameAlone() {
    assertThat(finder.size()).isEqualTo(2);
    assertThat(finder.find("01234567890")).isEqualTo("01234567890");
    assertThat(finder.find("please call maria das GRAÇAS at the door"))
        .isEqualTo("maria das graças");
    assertThat(finder.find("cpf=01234567890;")).isEqualTo("01234567890");
    assertThat(finder.find("Mariana")).as("a district as well as a first name").isNull();
    assertThat(finder.find("012345678901")).as("another number").isNull();
  }

  @Test
  void leavesOutBareNumbersShortEnoughToBeAnOffsetButKeepsAMobileNumber() {
    PersonalDataFinder numbers =
        new PersonalDataFinder(List.of("282394", "12345678", "912345678", "123.456.789-09"));
    assertThat(numbers.size()).isEqualTo(2);
    assertThat(numbers.find("committed 282394 rows at offset 12345678"))
        .as("an address's external id, read as a count")
        .isNull();
    assertThat(numbers.find("call 912345678")).isEqualTo("912345678");
    assertThat(numbers.find("cpf 123.456.789-09 rejected")).isEqualTo("123.456.789-09");
  }

  @Test
  void reportsTheLogLinesThatHoldOne(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("app.log"), "ok line\nrejected record of maria das graças\n");
    Files.writeString(dir.resolve("data.parquet"), "01234567890");
    assertThat(finder.findInFiles(List.of(dir, dir.resolve("absent"))))
        .containsExactly(dir.resolve("app.log") + ":2: maria das graças");
  }
}
