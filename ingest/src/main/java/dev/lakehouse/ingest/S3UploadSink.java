package dev.lakehouse.ingest;

import dev.lakehouse.ingest.file.S3Location;
import dev.lakehouse.ingest.generate.GeneratedFileSink;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes generated files to {@code s3://bucket/prefix/}: each file is spooled to a temporary file
 * and uploaded when its stream closes, so a reader never sees half a file.
 */
final class S3UploadSink implements GeneratedFileSink {
  private final S3Client s3;
  private final String bucket;
  private final String prefix;

  S3UploadSink(S3Client s3, URI location) {
    S3Location parsed = S3Location.parse(location);
    this.s3 = s3;
    this.bucket = parsed.bucket();
    this.prefix = parsed.folder();
  }

  @Override
  public OutputStream open(String fileName) throws IOException {
    Path spool = Files.createTempFile("lakehouse-generate-", "-" + fileName);
    return new FilterOutputStream(Files.newOutputStream(spool)) {
      private boolean closed;

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        if (closed) {
          return;
        }
        closed = true;
        super.close();
        try {
          s3.putObject(b -> b.bucket(bucket).key(prefix + fileName), RequestBody.fromFile(spool));
        } finally {
          Files.deleteIfExists(spool);
        }
      }
    };
  }
}
