package dev.lakehouse.iceberg;

import dev.lakehouse.common.settings.S3Settings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** An AWS SDK S3 client for the settings: the local server, or AWS through the default chains. */
public final class S3Clients {
  private S3Clients() {}

  public static S3Client forSettings(S3Settings s3) {
    S3ClientBuilder builder =
        S3Client.builder().region(Region.of(s3.region())).forcePathStyle(s3.pathStyleAccess());
    s3.endpoint().ifPresent(builder::endpointOverride);
    if (s3.accessKeyId().isPresent()) {
      builder.credentialsProvider(
          StaticCredentialsProvider.create(
              AwsBasicCredentials.create(
                  s3.accessKeyId().get(), s3.secretAccessKey().orElseThrow())));
    } else {
      builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
    }
    return builder.build();
  }
}
