package dev.lakehouse.ingest.file;

import dev.lakehouse.common.contract.DatasetContract;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Source files under an {@code s3://bucket/prefix}, streamed with GetObject. */
final class S3PrefixSource implements SourceLocation {
  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final SourceFileNames names;

  S3PrefixSource(S3Client s3, URI location, SourceFileNames names) {
    S3Location parsed = S3Location.parse(location);
    this.s3 = s3;
    this.names = names;
    this.bucket = parsed.bucket();
    this.prefix = parsed.prefix();
  }

  @Override
  public List<SourceFile> list() throws IOException {
    List<SourceFile> files = new ArrayList<>();
    try {
      for (S3Object object :
          s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
        Optional<DatasetContract> dataset = names.dataset(object.key().substring(prefix.length()));
        if (dataset.isPresent()) {
          String etag = object.eTag() == null ? "" : object.eTag().replace("\"", "");
          files.add(
              new SourceFile(
                  "s3://" + bucket + "/" + object.key(), object.size(), etag, dataset.get()));
        }
      }
    } catch (SdkException e) {
      throw new IOException("cannot list " + describe() + ": " + e.getMessage(), e);
    }
    files.sort(Comparator.comparing(SourceFile::uri));
    return files;
  }

  @Override
  public InputStream open(SourceFile file) throws IOException {
    String key = file.uri().substring(("s3://" + bucket + "/").length());
    try {
      return s3.getObject(b -> b.bucket(bucket).key(key).ifMatch(quoted(file.fingerprint())));
    } catch (SdkException e) {
      throw new IOException("cannot read " + file.uri() + ": " + e.getMessage(), e);
    }
  }

  private static String quoted(String etag) {
    return etag.isEmpty() ? null : "\"" + etag + "\"";
  }

  @Override
  public String describe() {
    return "s3://" + bucket + "/" + prefix;
  }
}
