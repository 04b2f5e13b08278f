package dev.lakehouse.ingest.generate;

import java.util.SplittableRandom;

/**
 * One consumer, derived from its index alone (nothing is held in memory): the consumer.csv row and
 * the name and CPF their orders carry.
 *
 * @param name the first name, or null (an empty CSV cell)
 * @param cpf the consumer's CPF (not in consumer.csv; their orders carry it)
 */
public record ConsumerProfile(
    String id,
    String language,
    long createdAtMillis,
    boolean active,
    String name,
    String phoneArea,
    String phoneNumber,
    String cpf) {
  private static final String[] LANGUAGES = {"es-ar", "en-us", "es-cl", "es-co", "es-mx", "fr-fr"};

  /** 2017-01-01T00:00:00Z: consumers signed up in 2017 and 2018. */
  private static final long SIGN_UP_FROM = 1_483_228_800_000L;

  private static final long SIGN_UP_SPAN = 730L * 86_400_000L;

  public static ConsumerProfile derive(RandomStreams streams, long index) {
    SplittableRandom random = streams.of(RandomStreams.Purpose.CONSUMER, index);
    Identity identity = identity(random);
    String language =
        RandomText.chance(random, 0.93) ? "pt-br" : RandomText.pick(random, LANGUAGES);
    long createdAt = SIGN_UP_FROM + random.nextLong(SIGN_UP_SPAN);
    boolean active = RandomText.chance(random, 0.88);
    String phoneArea = BrazilianCities.get(BrazilianCities.popular(random)).phoneArea();
    String phoneNumber = RandomText.phoneNumber(random);
    return new ConsumerProfile(
        identity.id(),
        language,
        createdAt,
        active,
        identity.name(),
        phoneArea,
        phoneNumber,
        identity.cpf());
  }

  /**
   * What an order shows of consumer {@code index}: the same id, name and CPF {@link #derive} gives,
   * drawn faster.
   */
  static Identity identityOf(RandomStreams streams, long index) {
    return identity(streams.of(RandomStreams.Purpose.CONSUMER, index));
  }

  /** The consumer's id, first name (or null) and CPF: the first draws of its stream. */
  record Identity(String id, String name, String cpf) {}

  private static Identity identity(SplittableRandom random) {
    String id = RandomText.uuid(random);
    String name = PersonNames.firstName(random);
    if (RandomText.chance(random, 0.03)) {
      name = null;
    }
    return new Identity(id, name, RandomText.cpf(random));
  }
}
