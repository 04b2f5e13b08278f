package dev.lakehouse.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class S3LocationTest {
  @Test
  void bucketAndPrefix() {
    assertThat(S3Location.parse(URI.create("s3://lake/landing/day1")))
        .isEqualTo(new S3Location("lake", "landing/day1"));
    assertThat(S3Location.parse(URI.create("s3://lake/landing/day1")).folder())
        .isEqualTo("landing/day1/");
    assertThat(S3Location.parse(URI.create("s3://lake/landing/")).folder()).isEqualTo("landing/");
    assertThat(S3Location.parse(URI.create("s3://lake")).folder()).isEmpty();
    assertThatThrownBy(() -> S3Location.parse(URI.create("s3:///nobucket")))
        .hasMessageContaining("needs a bucket");
  }
}
