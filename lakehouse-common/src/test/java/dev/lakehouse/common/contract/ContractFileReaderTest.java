package dev.lakehouse.common.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContractFileReaderTest {
  private static final String GOOD =
      """
      domain: shop
      name: delivery
      source: {format: csv, file: delivery}
      key: delivery_id
      fields:
        - {name: delivery_id, type: string, plain-encoded: true}
        - {name: courier_name, type: string, personal: true}
        - {name: delivered_at, type: timestamptz, required: true}
        - {name: fee, type: "decimal(10,2)", rules: {range: {min: 0}}}
        - {name: stops, type: int, rules: {range: {min: 1, max: 20}}}
        - {name: vehicle, type: string, rules: {enum: [BIKE, CAR]}}
        - {name: zone, type: string, rules: {zone: iana}}
        - {name: distance_km, type: double}
        - {name: express, type: boolean}
        - {name: tracking_number, type: long}
      partitioning:
        - {field: delivered_at, transform: month}
      sort-order: [zone, delivered_at]
      """;

  @Test
  void readsEveryPartOfAContract() {
    DatasetContract contract = ContractFileReader.read("delivery.yaml", GOOD);
    assertThat(contract.domain()).isEqualTo("shop");
    assertThat(contract.name()).isEqualTo("delivery");
    assertThat(contract.topic()).isEqualTo("src.shop.delivery");
    assertThat(contract.format()).isEqualTo(SourceFormat.CSV);
    assertThat(contract.fileStem()).isEqualTo("delivery");
    assertThat(contract.key()).isEqualTo("delivery_id");
    assertThat(contract.fieldNames())
        .containsExactly(
            "delivery_id",
            "courier_name",
            "delivered_at",
            "fee",
            "stops",
            "vehicle",
            "zone",
            "distance_km",
            "express",
            "tracking_number");
    FieldContract key = contract.field("delivery_id").orElseThrow();
    assertThat(key.required()).as("the key is required though the file does not say so").isTrue();
    assertThat(key.plainEncoded()).isTrue();
    assertThat(contract.field("courier_name").orElseThrow().personal()).isTrue();
    assertThat(contract.field("fee").orElseThrow().type()).isEqualTo(FieldType.decimal(10, 2));
    assertThat(contract.field("fee").orElseThrow().rules())
        .containsExactly(new ValueRule.Range(BigDecimal.ZERO, null));
    assertThat(contract.field("vehicle").orElseThrow().rules())
        .containsExactly(new ValueRule.OneOf(List.of("BIKE", "CAR")));
    assertThat(contract.field("tracking_number").orElseThrow().type().kind())
        .isEqualTo(FieldType.Kind.LONG);
    assertThat(contract.partitioning())
        .containsExactly(new PartitionField("delivered_at", PartitionField.Transform.MONTH));
    assertThat(contract.sortOrder()).containsExactly("zone", "delivered_at");
    assertThat(contract.deadLetterReasons())
        .containsExactly(
            "malformed-json",
            "missing-field",
            "invalid-type",
            "invalid-timestamp",
            "invalid-number",
            "invalid-boolean",
            "invalid-value");
  }

  @Test
  void theFileStemDefaultsToTheNameAndLayoutToNone() {
    DatasetContract contract =
        ContractFileReader.read(
            "zone.yaml",
            """
        domain: shop
        name: zone
        source: {format: json-lines}
        key: id
        fields: [{name: id, type: string}]
        """);
    assertThat(contract.fileStem()).isEqualTo("zone");
    assertThat(contract.format()).isEqualTo(SourceFormat.JSON_LINES);
    assertThat(contract.partitioning()).isEmpty();
    assertThat(contract.sortOrder()).isEmpty();
    assertThat(contract.deadLetterReasons())
        .containsExactly("malformed-json", "missing-field", "invalid-type");
  }

  /**
   * Each broken contract is refused with a message that names the file and what is wrong, the field
   * where there is one.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      an unknown top key            | sort-order:|sortorder:                                               | unknown key 'sortorder'
      an unknown field key          | personal: true}|personnal: true}                                       | field 'courier_name': unknown key 'personnal'
      an unknown type               | type: long}|type: bigint}                                              | field 'tracking_number': unknown type 'bigint'
      a decimal too wide            | decimal(10,2)|decimal(40,2)                                            | field 'fee': decimal(40,2) needs a precision of 1 to 38
      a key that is no field        | key: delivery_id|key: id                                               | key 'id' is not one of the fields
      a key that is not a string    | key: delivery_id|key: stops                                            | field 'stops': the key must be a string
      an enum on a number           | type: int, rules: {range: {min: 1, max: 20}}|type: int, rules: {enum: [A]} | field 'stops': an enum rule applies to a string field, not to int
      a range on a string           | rules: {enum: [BIKE, CAR]}|rules: {range: {min: 1}}                    | field 'vehicle': a range rule applies to a number field, not to string
      a zone rule not iana          | zone: iana|zone: posix                                                 | field 'zone': rules: zone must be 'iana'
      an empty enum                 | enum: [BIKE, CAR]|enum: []                                             | field 'vehicle': rules: an enum rule needs at least one value
      an enum value twice           | enum: [BIKE, CAR]|enum: [BIKE, BIKE]                                   | field 'vehicle': rules: an enum rule lists a value twice
      a range upside down           | min: 1, max: 20|min: 20, max: 1                                        | field 'stops': rules: a range rule's min 20 is above its max 1
      a time transform on a string  | field: delivered_at, transform: month|field: zone, transform: month    | partitioning: field 'zone': month applies to a timestamptz field, not to string
      an unknown transform          | transform: month|transform: week                                       | partitioning: field 'delivered_at': unknown transform 'week'
      a partition on no field       | field: delivered_at, transform|field: arrived_at, transform            | partitioning: field 'arrived_at' is not one of the fields
      a sort on no field            | sort-order: [zone, delivered_at]|sort-order: [zone, arrived_at]        | sort-order: 'arrived_at' is not one of the fields
      a sort field twice            | sort-order: [zone, delivered_at]|sort-order: [zone, zone]              | sort-order: 'zone' is listed twice
      a field twice                 | name: express|name: stops                                              | field 'stops' is declared twice
      a name unfit for a topic      | name: delivery|name: Delivery                                          | name 'Delivery' must be lower case letters
      a file stem with a suffix     | file: delivery|file: delivery_2024                                     | source: file 'delivery_2024' must be lower case letters and digits
      an unknown format             | format: csv|format: parquet                                            | source: format 'parquet' is not json-lines or csv
      a flag that is no boolean     | required: true}|required: yes please}                                  | field 'delivered_at': 'required' must be true or false
      a field name unfit for a column | name: distance_km|name: distance km                                  | field 'distance km': a name must be letters, digits and '_'
      a YAML key twice              | domain: shop|domain: shop\\ndomain: shop                                | not a YAML document: Duplicate field 'domain'
      """)
  void refusesABrokenContractNamingTheFileAndTheField(
      String what, String from, String to, String message) {
    String broken = GOOD.replace(from.strip(), to.strip().replace("\\n", "\n"));
    assertThat(broken).as("the case changes the file").isNotEqualTo(GOOD);
    assertThatThrownBy(() -> ContractFileReader.read("contracts/shop/delivery.yaml", broken))
        .as(what)
        .isInstanceOf(ContractException.class)
        .hasMessageStartingWith("contracts/shop/delivery.yaml: ")
        .hasMessageContaining(message.strip());
  }

  @Test
  void refusesWhatIsNoContractAtAll() {
    assertThatThrownBy(() -> ContractFileReader.read("a.yaml", "- just\n- a list\n"))
        .hasMessage(
            "a.yaml: the file must be a YAML mapping with domain, name, source, key and fields");
    assertThatThrownBy(
            () ->
                ContractFileReader.read(
                    "a.yaml", "domain: x\nname: a\nsource: {format: csv}\nkey: id\n"))
        .hasMessage("a.yaml: 'fields' is missing");
    assertThatThrownBy(() -> ContractFileReader.read("a.yaml", "domain: [x\n"))
        .hasMessageStartingWith("a.yaml: not a YAML document");
  }

  @Test
  void aSourceTopicNamesItsDataset() {
    assertThat(DatasetContract.nameOfSourceTopic("src.food.order_status")).contains("order_status");
    assertThat(DatasetContract.nameOfSourceTopic("src.shop.delivery")).contains("delivery");
    assertThat(DatasetContract.nameOfSourceTopic("raw.rows.order")).isEmpty();
    assertThat(DatasetContract.nameOfSourceTopic("src.food")).isEmpty();
    assertThat(DatasetContract.nameOfSourceTopic("src.food.order.x")).isEmpty();
    assertThat(DatasetContract.nameOfSourceTopic("src..order")).isEmpty();
  }
}
