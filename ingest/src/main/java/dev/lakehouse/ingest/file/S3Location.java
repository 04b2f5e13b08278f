package dev.lakehouse.ingest.file;

import java.net.URI;

/**
 * An {@code s3://bucket/prefix} location: the bucket and the key prefix (without a leading slash).
 */
public record S3Location(String bucket, String prefix) {

  public static S3Location parse(URI location) {
    String bucket = location.getHost();
    if (bucket == null || bucket.isBlank()) {
      throw new IllegalArgumentException(
          "an S3 location needs a bucket: s3://bucket/prefix, was " + location);
    }
    String path = location.getPath() == null ? "" : location.getPath();
    return new S3Location(bucket, path.startsWith("/") ? path.substring(1) : path);
  }

  /** The prefix as a folder: empty, or ending with '/'. */
  public String folder() {
    return prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
  }
}
