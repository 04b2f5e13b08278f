package dev.lakehouse.stack.rest;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.rest.RESTRequest;
import org.apache.iceberg.rest.RESTResponse;
import org.apache.iceberg.rest.RESTSerializers;

/**
 * JSON as the Iceberg REST client writes and reads it. Iceberg's own {@code RESTObjectMapper} is
 * package private, so this mapper is configured the same way: Iceberg's serializers for the request
 * and response classes, kebab-case names and field access for the rest, unknown properties ignored.
 */
final class RestJson {
  private static final ObjectMapper MAPPER = create();

  private RestJson() {}

  private static ObjectMapper create() {
    // no interning: property maps bring arbitrary keys
    JsonFactory factory =
        new JsonFactoryBuilder()
            .configure(JsonFactory.Feature.INTERN_FIELD_NAMES, false)
            .configure(JsonFactory.Feature.FAIL_ON_SYMBOL_HASH_OVERFLOW, false)
            .build();
    ObjectMapper mapper = new ObjectMapper(factory);
    mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
    mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    mapper.setPropertyNamingStrategy(new PropertyNamingStrategies.KebabCaseStrategy());
    RESTSerializers.registerAll(mapper);
    return mapper;
  }

  /** Parses and validates a request body; a body that is not a valid request is a 400. */
  static <T extends RESTRequest> T read(byte[] body, Class<T> type) {
    if (body.length == 0) {
      throw new BadRequestException("Missing request body: expected a %s", type.getSimpleName());
    }
    T request;
    try {
      request = MAPPER.readValue(body, type);
    } catch (IOException e) {
      throw new BadRequestException(
          "Invalid %s: %s",
          type.getSimpleName(),
          e instanceof JsonProcessingException j ? j.getOriginalMessage() : e);
    }
    if (request == null) {
      throw new BadRequestException("Invalid %s: null", type.getSimpleName());
    }
    request.validate();
    return request;
  }

  static byte[] write(RESTResponse response) {
    try {
      return MAPPER.writeValueAsBytes(response);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
