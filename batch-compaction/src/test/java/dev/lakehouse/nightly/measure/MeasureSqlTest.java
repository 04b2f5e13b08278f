package dev.lakehouse.nightly.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MeasureSqlTest {
  @Test
  void dimensionsLoadBeforeTheFactAndEachLoadAddsOnlyMissingKeys() {
    List<MeasureSql.Load> loads = MeasureSql.loads();
    assertThat(loads)
        .extracting(MeasureSql.Load::table)
        .containsExactly(
            MeasureSql.DIM_STATUS,
            MeasureSql.DIM_JOB,
            MeasureSql.DIM_DATE,
            MeasureSql.FACT_PROCESS);
    MeasureSql.Load fact = loads.get(3);
    assertThat(fact.key()).isEqualTo("run_id");
    assertThat(fact.merge())
        .isEqualTo(
            "MERGE INTO measure.fact_process t USING measure_facts s ON t.run_id = s.run_id"
                + " WHEN NOT MATCHED THEN INSERT *");
    assertThat(fact.countNew()).contains("LEFT ANTI JOIN measure.fact_process t");
  }

  @Test
  void theSourcesAreMadeBeforeWhatReadsThem() {
    List<String> sources = MeasureSql.sources();
    int statuses = indexOf(sources, "VIEW " + MeasureSql.STATUSES + " ");
    int ends = indexOf(sources, "VIEW " + MeasureSql.ENDS + " ");
    int facts = indexOf(sources, "VIEW " + MeasureSql.FACTS + " ");
    assertThat(statuses).isLessThan(facts);
    assertThat(ends).isLessThan(facts);
    assertThat(sources.get(statuses))
        .contains("(0, 'STARTED', false, false)", "(1, 'SUCCEEDED', true, true)")
        .contains("(2, 'FAILED', true, false)", "(3, 'PARTIAL', true, false)");
    assertThat(sources.get(ends)).contains("status <> 'STARTED'", "end_rank = 1");
    assertThat(String.join("\n", sources)).contains("'" + MeasureSql.LOCAL_ZONE + "'");
  }

  private static int indexOf(List<String> statements, String marker) {
    for (int i = 0; i < statements.size(); i++) {
      if (statements.get(i).contains(marker)) {
        return i;
      }
    }
    throw new AssertionError("no statement with " + marker);
  }
}
