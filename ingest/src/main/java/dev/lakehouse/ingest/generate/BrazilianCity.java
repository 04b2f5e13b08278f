package dev.lakehouse.ingest.generate;

import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * A real Brazilian city as the source spells it: upper-case name, UF, IANA zone, centre
 * coordinates, its range of 5-digit CEP prefixes, its phone area code and a few districts.
 */
record BrazilianCity(
    String name,
    String state,
    String zone,
    double latitude,
    double longitude,
    int zipFrom,
    int zipTo,
    String phoneArea,
    List<String> districts) {
  BrazilianCity {
    districts = List.copyOf(districts);
    ZoneId.of(zone); // fails fast on a misspelt zone
  }

  ZoneRules zoneRules() {
    return ZoneId.of(zone).getRules();
  }
}
