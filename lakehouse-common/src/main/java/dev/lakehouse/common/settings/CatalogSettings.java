package dev.lakehouse.common.settings;

import java.util.Optional;

/**
 * The Iceberg catalog every process uses. The name must be the same everywhere (Streams app, Spark,
 * Trino): a JDBC catalog keys its tables by catalog name.
 */
public record CatalogSettings(
    String name, CatalogType type, Optional<String> uri, String warehouse) {
  public CatalogSettings {
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new SettingsException(
          "catalog.name must be a lower-case SQL identifier, was '" + name + "'");
    }
    if (type != CatalogType.GLUE && uri.isEmpty()) {
      throw new SettingsException("catalog.uri is required for a " + type.id() + " catalog");
    }
  }

  static CatalogSettings from(RawSettings raw) {
    CatalogType type = CatalogType.parse(raw.orDefault("catalog.type", "jdbc"), raw);
    return new CatalogSettings(
        raw.orDefault("catalog.name", "lakehouse"),
        type,
        raw.optional("catalog.uri"),
        raw.required("catalog.warehouse"));
  }
}
