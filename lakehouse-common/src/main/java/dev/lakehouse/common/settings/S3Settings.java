package dev.lakehouse.common.settings;

import java.net.URI;
import java.util.Optional;

/**
 * How to reach S3. With no endpoint and no keys the AWS default region and credentials chains apply
 * (production); the local stack fills in its loopback endpoint and local keys.
 */
public record S3Settings(
    Optional<URI> endpoint,
    String region,
    Optional<String> accessKeyId,
    Optional<String> secretAccessKey,
    boolean pathStyleAccess,
    String bucket) {

  public S3Settings {
    if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
      throw new SettingsException("s3.access-key-id and s3.secret-access-key must be set together");
    }
    if (bucket == null || bucket.isBlank()) {
      throw new SettingsException("s3.bucket must not be empty");
    }
  }

  static S3Settings from(RawSettings raw) {
    Optional<URI> endpoint =
        raw.optional("s3.endpoint")
            .map(
                value -> {
                  try {
                    URI uri = URI.create(value);
                    if (uri.getScheme() == null || uri.getHost() == null) {
                      throw raw.invalid("s3.endpoint", value, "an absolute http(s) URL");
                    }
                    return uri;
                  } catch (IllegalArgumentException e) {
                    throw raw.invalid("s3.endpoint", value, "an absolute http(s) URL");
                  }
                });
    return new S3Settings(
        endpoint,
        raw.orDefault("s3.region", "us-east-1"),
        raw.optional("s3.access-key-id"),
        raw.optional("s3.secret-access-key"),
        raw.bool("s3.path-style-access", endpoint.isPresent()),
        raw.required("s3.bucket"));
  }

  /** Safe to log: never prints the secret. */
  @Override
  public String toString() {
    return "S3Settings[endpoint="
        + endpoint.map(URI::toString).orElse("aws-default")
        + ", region="
        + region
        + ", bucket="
        + bucket
        + ", pathStyleAccess="
        + pathStyleAccess
        + ", credentials="
        + (accessKeyId.isPresent() ? "static" : "default-chain")
        + "]";
  }
}
