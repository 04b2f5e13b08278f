package dev.lakehouse.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessStatsTest {

  @Test
  void peakHeapIsTheLargestHeapAroundAnyCollection(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("gc.log");
    Files.writeString(
        log,
        String.join(
            "\n",
            "[0.010s][info][gc] Using G1",
            "[1.200s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->6M(256M) 3.100ms",
            "[9.800s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 612M->88M(1024M) 12.400ms",
            "[9.900s][info][gc] GC(2) Pause Remark 300M->290M(1024M) 1.000ms",
            "[12.00s][info][gc] GC(3) Pause Young (Concurrent Start) (G1 Humongous Allocation) 1G->200M(1024M) 9.000ms",
            ""));
    assertThat(ProcessStats.peakHeapBytes(log)).isEqualTo(1024L * 1024 * 1024);
  }

  @Test
  void noLogMeansNoFigure(@TempDir Path dir) {
    assertThat(ProcessStats.peakHeapBytes(dir.resolve("missing.log"))).isZero();
  }

  @Test
  void peakRssOfALiveProcessAndOfNone() {
    if (Files.exists(Path.of("/proc/self/status"))) {
      assertThat(ProcessStats.peakRssBytes(ProcessHandle.current().pid()))
          .isGreaterThan(10L * 1024 * 1024);
    }
    assertThat(ProcessStats.peakRssBytes(Long.MAX_VALUE)).isEqualTo(-1);
  }
}
