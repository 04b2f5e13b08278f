package dev.lakehouse.common.settings;

import java.util.Locale;

/** The Iceberg catalogs we support, each with the implementation class Iceberg loads. */
public enum CatalogType {
  JDBC("org.apache.iceberg.jdbc.JdbcCatalog"),
  REST("org.apache.iceberg.rest.RESTCatalog"),
  GLUE("org.apache.iceberg.aws.glue.GlueCatalog");

  private final String implementation;

  CatalogType(String implementation) {
    this.implementation = implementation;
  }

  public String implementation() {
    return implementation;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  static CatalogType parse(String value, RawSettings raw) {
    for (CatalogType type : values()) {
      if (type.id().equalsIgnoreCase(value)) {
        return type;
      }
    }
    throw raw.invalid("catalog.type", value, "one of jdbc, rest, glue");
  }
}
