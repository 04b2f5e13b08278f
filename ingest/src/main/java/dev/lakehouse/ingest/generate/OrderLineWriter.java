package dev.lakehouse.ingest.generate;

import dev.lakehouse.common.contract.Dataset;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Renders order.json lines: one compact JSON object per order, fields in {@link Dataset#ORDER}
 * order, {@code items} a string holding the items array, latitude and longitude swapped (numbers
 * for the delivery address, strings for the merchant), {@code order_total_amount} a number in
 * reais.
 *
 * <p>{@link #prepare} draws an order once; {@link #appendLine} and {@link #appendDuplicateLine}
 * render the true copy and the false one (other cpf, order_created_at ~30 days away). Not thread
 * safe.
 */
public final class OrderLineWriter {
  private static final String[] KEY = JsonText.memberPrefixes(Dataset.ORDER);
  private static final List<String> PLATFORMS = List.of("ANDROID", "IOS", "DESKTOP");

  static {
    List<String> expected =
        List.of(
            "cpf",
            "customer_id",
            "customer_name",
            "delivery_address_city",
            "delivery_address_country",
            "delivery_address_district",
            "delivery_address_external_id",
            "delivery_address_latitude",
            "delivery_address_longitude",
            "delivery_address_state",
            "delivery_address_zip_code",
            "items",
            "merchant_id",
            "merchant_latitude",
            "merchant_longitude",
            "merchant_timezone",
            "order_created_at",
            "order_id",
            "order_scheduled",
            "order_scheduled_date",
            "order_total_amount",
            "origin_platform");
    if (!Dataset.ORDER.fieldNames().equals(expected)) {
      throw new IllegalStateException(
          "the ORDER contract changed; update OrderLineWriter: " + Dataset.ORDER.fieldNames());
    }
  }

  private final RandomStreams streams;
  private final ItemsJsonWriter itemsWriter = new ItemsJsonWriter();
  private final StringBuilder items = new StringBuilder(8192);
  private char[] scratch = new char[8192];

  private OrderSkeleton order;
  private String cpf;
  private String duplicateCpf;
  private String customerId;
  private String customerName;
  private String district;
  private String externalId;
  private long deliveryLatitudeHundredths;
  private long deliveryLongitudeHundredths;
  private String zipCode;
  private boolean scheduled;
  private String scheduledDate;
  private long totalCentavos;
  private String platform;

  public OrderLineWriter(RandomStreams streams) {
    this.streams = streams;
  }

  /** Draws everything about {@code skeleton}'s order that its lines show. */
  public void prepare(OrderSkeleton skeleton) {
    order = skeleton;
    SplittableRandom random = streams.of(RandomStreams.Purpose.ORDER_DETAILS, skeleton.index());
    ConsumerProfile.Identity consumer =
        ConsumerProfile.identityOf(streams, skeleton.consumerIndex());
    cpf = skeleton.customerIdNull() ? RandomText.cpf(random) : consumer.cpf();
    duplicateCpf = RandomText.cpf(random);
    customerId = skeleton.customerIdNull() ? null : consumer.id();
    customerName = consumer.name() != null ? consumer.name() : PersonNames.firstName(random);
    BrazilianCity city = BrazilianCities.get(skeleton.deliveryCity());
    district = RandomText.pick(random, city.districts());
    externalId = RandomText.number(random, 4 + random.nextInt(5));
    deliveryLatitudeHundredths = Math.round(city.latitude() * 100) + random.nextInt(13) - 6;
    deliveryLongitudeHundredths = Math.round(city.longitude() * 100) + random.nextInt(13) - 6;
    zipCode =
        RandomText.zeroPadded(
            city.zipFrom() + random.nextInt(city.zipTo() - city.zipFrom() + 1), 5);
    scheduled = RandomText.chance(random, 0.03);
    scheduledDate =
        scheduled
            ? IsoInstant.format(skeleton.createdAtMillis() + (2 + random.nextInt(60)) * 1_800_000L)
            : null;
    double platformDraw = random.nextDouble();
    platform = PLATFORMS.get(platformDraw < 0.55 ? 0 : platformDraw < 0.87 ? 1 : 2);
    items.setLength(0);
    totalCentavos = itemsWriter.append(items, random, skeleton.restaurant().cuisine());
  }

  /** The prepared order's true line (no newline). */
  public void appendLine(StringBuilder out) {
    append(out, cpf, order.createdAtMillis());
  }

  /** The prepared order's false copy: same line but another cpf and order_created_at. */
  void appendDuplicateLine(StringBuilder out) {
    append(out, duplicateCpf, order.duplicateCreatedAtMillis());
  }

  private void append(StringBuilder out, String lineCpf, long createdAtMillis) {
    BrazilianCity city = BrazilianCities.get(order.deliveryCity());
    Restaurant restaurant = order.restaurant();
    out.append(KEY[0]);
    JsonText.appendString(out, lineCpf);
    out.append(KEY[1]);
    JsonText.appendString(out, customerId);
    out.append(KEY[2]);
    JsonText.appendString(out, customerName);
    out.append(KEY[3]).append('"').append(city.name()).append('"');
    out.append(KEY[4]).append("\"BR\"");
    out.append(KEY[5]);
    JsonText.appendString(out, district);
    out.append(KEY[6]).append('"').append(externalId).append('"');
    out.append(KEY[7]);
    JsonText.appendHundredths(out, deliveryLongitudeHundredths); // swapped, as in the source
    out.append(KEY[8]);
    JsonText.appendHundredths(out, deliveryLatitudeHundredths);
    out.append(KEY[9]).append('"').append(city.state()).append('"');
    out.append(KEY[10]).append('"').append(zipCode).append('"');
    out.append(KEY[11]);
    scratch = JsonText.appendString(out, items, scratch);
    out.append(KEY[12]).append('"').append(restaurant.id()).append('"');
    out.append(KEY[13]).append('"').append(restaurant.merchantLatitude()).append('"');
    out.append(KEY[14]).append('"').append(restaurant.merchantLongitude()).append('"');
    out.append(KEY[15]).append('"').append(restaurant.cityInfo().zone()).append('"');
    out.append(KEY[16]).append('"');
    IsoInstant.append(out, createdAtMillis);
    out.append('"');
    out.append(KEY[17]).append('"').append(order.orderId()).append('"');
    out.append(KEY[18]).append(scheduled);
    out.append(KEY[19]);
    JsonText.appendString(out, scheduledDate);
    out.append(KEY[20]).append(totalCentavos / 100.0);
    out.append(KEY[21]).append('"').append(platform).append('"');
    out.append('}');
  }
}
