package dev.lakehouse.bench.compare;

import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.process.LakehouseHome;
import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.iceberg.catalog.Catalog;

/**
 * What every run is given: the stack's settings (and the file they are in), the catalog, the
 * checkout, a directory of its own, the number of source records in the topics and their average
 * value size, and the live load to measure freshness with.
 */
record RunContext(
    LakehouseSettings settings,
    Path settingsFile,
    Catalog catalog,
    LakehouseHome home,
    Path runDir,
    long sourceRecords,
    double averageValueBytes,
    LiveLoad live,
    PrintStream out) {

  RunContext withRunDir(Path dir) {
    return new RunContext(
        settings, settingsFile, catalog, home, dir, sourceRecords, averageValueBytes, live, out);
  }
}
