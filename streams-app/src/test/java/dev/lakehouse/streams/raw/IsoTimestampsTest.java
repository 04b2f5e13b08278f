package dev.lakehouse.streams.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoTimestampsTest {

  private static OffsetDateTime reference(String text) {
    return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
  }

  @Test
  void agreesWithTheJdkParserOnEveryShapeItAccepts() {
    List<String> samples =
        List.of(
            "2019-01-17T22:50:06.000Z",
            "2019-01-17T22:50:06Z",
            "2019-01-17T22:50:06.1Z",
            "2019-01-17T22:50:06.123456789Z",
            "2019-01-17T22:50:06.000001Z",
            "2020-02-29T00:00:00.000Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999Z",
            "2019-01-17T22:50:06.000-03:00",
            "2019-01-17T22:50Z",
            "2019-01-17T22:50:06+05:30",
            "1969-12-31T23:59:59.5Z",
            "2019-01-17T22:50:06.Z");
    for (String sample : samples) {
      assertThat(IsoTimestamps.parseUtc(sample)).as(sample).isEqualTo(reference(sample));
    }
  }

  @Test
  void randomTimestampsParseToTheSameInstantAsTheJdkParser() {
    Random random = new Random(20261122);
    for (int i = 0; i < 10_000; i++) {
      OffsetDateTime time =
          OffsetDateTime.of(
              1900 + random.nextInt(200),
              1 + random.nextInt(12),
              1 + random.nextInt(28),
              random.nextInt(24),
              random.nextInt(60),
              random.nextInt(60),
              random.nextInt(1_000_000_000),
              ZoneOffset.UTC);
      String text = time.toString();
      assertThat(IsoTimestamps.parseUtc(text)).as(text).isEqualTo(reference(text));
    }
  }

  @Test
  void rejectsWhatTheJdkParserRejects() {
    List<String> bad =
        List.of(
            "yesterday",
            "2019-13-17T22:50:06.000Z",
            "2019-02-30T22:50:06Z",
            "2019-01-17T24:00:00Z",
            "2019-01-17T22:60:06Z",
            "2019-01-17 22:50:06Z",
            "2019-01-17T22:50:06.0000000000Z",
            "2019-01-17T22:50:06",
            "2019-01-17T22:5a:06Z",
            "2019-01-17");
    for (String text : bad) {
      assertThatThrownBy(() -> reference(text))
          .as("the JDK refuses " + text)
          .isInstanceOf(DateTimeException.class);
      assertThatThrownBy(() -> IsoTimestamps.parseUtc(text))
          .as(text)
          .isInstanceOf(DateTimeException.class);
    }
  }
}
