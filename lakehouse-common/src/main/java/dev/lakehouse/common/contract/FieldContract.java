package dev.lakehouse.common.contract;

import java.util.List;

/**
 * One field of a dataset's contract.
 *
 * @param name the field's name as the source spells it, and its raw column's
 * @param type its raw column's type
 * @param required a record without it (absent, null, or an empty text for a typed field) is a dead
 *     letter; the key is always required
 * @param personal personal data: pseudonymized or left out of the trusted tables, never logged
 * @param plainEncoded nearly unique per row (identifiers, exact timestamps, coordinates): its
 *     Parquet column is written without a dictionary, which would only cost the writer CPU before
 *     Parquet abandons it
 * @param rules what a typed value must also obey
 */
public record FieldContract(
    String name,
    FieldType type,
    boolean required,
    boolean personal,
    boolean plainEncoded,
    List<ValueRule> rules) {
  public FieldContract {
    rules = List.copyOf(rules);
  }
}
