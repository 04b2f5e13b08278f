package dev.lakehouse.common.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * Settings of the nightly maintenance job, from the {@code nightly.*} keys of the settings file
 * (each overridable by its {@code LAKEHOUSE_NIGHTLY_*} variable). Every key has a default that
 * suits a lake written by 5-second streaming commits.
 *
 * @param snapshotMaxAge {@code nightly.snapshot-max-age}: snapshots older than this are expired
 *     (default 5 days), except the last {@code snapshotRetainLast} and the newest that carries the
 *     writer's offsets
 * @param snapshotRetainLast {@code nightly.snapshot-retain-last}: at least this many snapshots of
 *     the current lineage stay (default 1, Iceberg's own)
 * @param orphanMinAge {@code nightly.orphan-min-age}: only files older than this are removed as
 *     orphans (default 3 days; at least 1 hour), so that the files a live writer is still uploading
 *     are never touched
 * @param manifestThreshold {@code nightly.manifest-threshold}: a table's manifests are rewritten
 *     when its current snapshot has more than this many (default 32)
 * @param minInputFiles {@code nightly.compaction-min-input-files}: a partition is compacted when it
 *     has at least this many files to merge (default 2)
 * @param validationSettle {@code nightly.validation-settle}: the checks that compare the lake with
 *     its sources leave out what arrived in the last this long (default 10 minutes), which a live
 *     writer may still be committing
 * @param freshnessMaxAge {@code nightly.freshness-max-age}: a table whose newest commit is older
 *     than this gets a freshness warning (default 1 day)
 */
public record NightlySettings(
    Duration snapshotMaxAge,
    int snapshotRetainLast,
    Duration orphanMinAge,
    int manifestThreshold,
    int minInputFiles,
    Duration validationSettle,
    Duration freshnessMaxAge) {
  public static final String SNAPSHOT_MAX_AGE = "nightly.snapshot-max-age";
  public static final String SNAPSHOT_RETAIN_LAST = "nightly.snapshot-retain-last";
  public static final String ORPHAN_MIN_AGE = "nightly.orphan-min-age";
  public static final String MANIFEST_THRESHOLD = "nightly.manifest-threshold";
  public static final String MIN_INPUT_FILES = "nightly.compaction-min-input-files";
  public static final String VALIDATION_SETTLE = "nightly.validation-settle";
  public static final String FRESHNESS_MAX_AGE = "nightly.freshness-max-age";

  public static final NightlySettings DEFAULTS =
      new NightlySettings(
          Duration.ofDays(5),
          1,
          Duration.ofDays(3),
          32,
          2,
          Duration.ofMinutes(10),
          Duration.ofDays(1));

  public NightlySettings {
    if (snapshotMaxAge.isNegative()) {
      throw new SettingsException(
          SNAPSHOT_MAX_AGE + " must not be negative, was " + snapshotMaxAge);
    }
    if (snapshotRetainLast < 1) {
      throw new SettingsException(
          SNAPSHOT_RETAIN_LAST + " must be at least 1, was " + snapshotRetainLast);
    }
    if (orphanMinAge.compareTo(Duration.ofHours(1)) < 0) {
      throw new SettingsException(
          ORPHAN_MIN_AGE
              + " must be at least 1h (a live writer's uploads must never look orphaned), was "
              + orphanMinAge);
    }
    if (manifestThreshold < 1) {
      throw new SettingsException(
          MANIFEST_THRESHOLD + " must be at least 1, was " + manifestThreshold);
    }
    if (minInputFiles < 1) {
      throw new SettingsException(MIN_INPUT_FILES + " must be at least 1, was " + minInputFiles);
    }
    if (validationSettle.isNegative()) {
      throw new SettingsException(
          VALIDATION_SETTLE + " must not be negative, was " + validationSettle);
    }
    if (freshnessMaxAge.isNegative() || freshnessMaxAge.isZero()) {
      throw new SettingsException(FRESHNESS_MAX_AGE + " must be positive, was " + freshnessMaxAge);
    }
  }

  public static NightlySettings load(Path file, Map<String, String> environment) {
    return from(new RawSettings(LakehouseSettings.readFile(file), environment, file.toString()));
  }

  public static NightlySettings fromProperties(
      Properties properties, Map<String, String> environment) {
    return from(new RawSettings(properties, environment, "properties"));
  }

  static NightlySettings from(RawSettings raw) {
    return new NightlySettings(
        raw.duration(SNAPSHOT_MAX_AGE, DEFAULTS.snapshotMaxAge()),
        raw.integer(SNAPSHOT_RETAIN_LAST, DEFAULTS.snapshotRetainLast()),
        raw.duration(ORPHAN_MIN_AGE, DEFAULTS.orphanMinAge()),
        raw.integer(MANIFEST_THRESHOLD, DEFAULTS.manifestThreshold()),
        raw.integer(MIN_INPUT_FILES, DEFAULTS.minInputFiles()),
        raw.duration(VALIDATION_SETTLE, DEFAULTS.validationSettle()),
        raw.duration(FRESHNESS_MAX_AGE, DEFAULTS.freshnessMaxAge()));
  }
}
