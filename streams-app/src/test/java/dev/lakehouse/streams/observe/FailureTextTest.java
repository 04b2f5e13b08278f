package dev.lakehouse.streams.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class FailureTextTest {

  @Test
  void infrastructureMessagesAreKeptAndOthersThatMayQuoteAValueAreNot() {
    Throwable failure =
        new UncheckedIOException(
            "cannot write the data files of lake.raw.order",
            new java.io.IOException(
                "upload failed", new ConnectException("Connection refused: localhost:9000")));
    assertThat(FailureText.of(failure))
        .isEqualTo(
            "java.io.UncheckedIOException: cannot write the data files of lake.raw.order"
                + " <- caused by java.io.IOException: upload failed <- caused by java.net.ConnectException: Connection refused: localhost:9000");

    Throwable quoting =
        new IllegalArgumentException(
            "Cannot write value as decimal(14,2), too large: 123456789012345678.00",
            new NumberFormatException("For input string: \"Maria Silva\""));
    assertThat(FailureText.of(quoting))
        .isEqualTo(
            "java.lang.IllegalArgumentException <- caused by java.lang.NumberFormatException")
        .doesNotContain("Maria")
        .doesNotContain("1234");
  }

  @Test
  void theLogCopyKeepsTheStackTraceAndTheCausesButNotTheQuotingMessages() {
    IllegalStateException failure =
        new IllegalStateException("value 'Maria Silva' is bad", new ConnectException("refused"));
    Throwable copy = FailureText.forLog(failure);
    assertThat(copy.getMessage()).isEqualTo("java.lang.IllegalStateException");
    assertThat(copy.getStackTrace()).isEqualTo(failure.getStackTrace());
    assertThat(copy.getCause().getMessage()).isEqualTo("java.net.ConnectException: refused");
  }
}
