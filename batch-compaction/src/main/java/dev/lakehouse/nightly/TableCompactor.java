package dev.lakehouse.nightly;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Compacts one table's small data files with Iceberg's {@code rewrite_data_files} procedure. */
final class TableCompactor {
  private final SparkSession spark;
  private final String catalog;

  TableCompactor(SparkSession spark, String catalog) {
    this.spark = spark;
    this.catalog = catalog;
  }

  CompactionResult compact(String table) {
    String qualified = catalog + "." + table;
    long rowsBefore = count(qualified);
    long filesBefore = dataFiles(qualified);
    Row result =
        spark
            .sql(
                "CALL "
                    + catalog
                    + ".system.rewrite_data_files(table => '"
                    + table
                    + "', options => map('min-input-files', '2'))")
            .first();
    long rewritten = result.getInt(result.fieldIndex("rewritten_data_files_count"));
    long added = result.getInt(result.fieldIndex("added_data_files_count"));
    long bytes = result.getLong(result.fieldIndex("rewritten_bytes_count"));
    spark.sql("REFRESH TABLE " + qualified);
    return new CompactionResult(
        table,
        rowsBefore,
        count(qualified),
        filesBefore,
        dataFiles(qualified),
        rewritten,
        added,
        bytes);
  }

  private long count(String qualified) {
    return spark.sql("SELECT count(*) FROM " + qualified).first().getLong(0);
  }

  private long dataFiles(String qualified) {
    return spark.sql("SELECT count(*) FROM " + qualified + ".data_files").first().getLong(0);
  }
}
