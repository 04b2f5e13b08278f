package dev.lakehouse.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantTest {
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  @Test
  void formatsLikeJavaTime() {
    assertThat(IsoInstant.format(Instant.parse("2019-01-17T22:50:06Z").toEpochMilli()))
        .isEqualTo("2019-01-17T22:50:06.000Z");
    assertThat(IsoInstant.format(0)).isEqualTo("1970-01-01T00:00:00.000Z");
    assertThat(IsoInstant.format(Instant.parse("2020-02-29T23:59:59.999Z").toEpochMilli()))
        .isEqualTo("2020-02-29T23:59:59.999Z");
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 100_000; i++) {
      long millis = random.nextLong(-2_000_000_000_000L, 4_000_000_000_000L);
      assertThat(IsoInstant.format(millis))
          .isEqualTo(ISO_MILLIS.format(Instant.ofEpochMilli(millis)));
    }
  }
}
