package dev.lakehouse.ingest.generate.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakehouse.common.contract.Dataset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvRecordJsonTest {
  @Test
  void cellsBecomeStringsAndEmptyCellsNull() throws Exception {
    CsvRecordJson json = new CsvRecordJson(Dataset.CONSUMER);
    String[] cells = {"id-1", "pt-br", "2018-01-02T03:04:05.000Z", "true", null, "", "9\"8,7 ç"};
    assertThat(new String(json.toJson(cells), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"customer_id\":\"id-1\",\"language\":\"pt-br\",\"created_at\":\"2018-01-02T03:04:05.000Z\","
                + "\"active\":\"true\",\"customer_name\":null,\"customer_phone_area\":null,"
                + "\"customer_phone_number\":\"9\\\"8,7 ç\"}");
  }

  @Test
  void onlyForCsvDatasetsAndWholeRows() {
    assertThatThrownBy(() -> new CsvRecordJson(Dataset.ORDER))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CsvRecordJson(Dataset.RESTAURANT).toJson(new String[3]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
