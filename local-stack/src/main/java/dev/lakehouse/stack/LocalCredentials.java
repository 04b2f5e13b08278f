package dev.lakehouse.stack;

import dev.lakehouse.common.files.OwnerOnlyFiles;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The keys of the local S3 server: made at random on the first start, kept in the data directory
 * (created readable by the owner only, see {@link OwnerOnlyFiles}) and reused after restarts. There
 * is no built-in secret.
 */
record LocalCredentials(String accessKeyId, String secretAccessKey) {

  static LocalCredentials loadOrCreate(Path dataDir) throws IOException {
    Path file = dataDir.resolve("s3-credentials.properties");
    Properties p = new Properties();
    if (Files.exists(file)) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(reader);
      }
      return new LocalCredentials(
          p.getProperty("access-key-id"), p.getProperty("secret-access-key"));
    }
    byte[] secret = new byte[24];
    new SecureRandom().nextBytes(secret);
    LocalCredentials created =
        new LocalCredentials("lakehouse-local", HexFormat.of().formatHex(secret));
    p.setProperty("access-key-id", created.accessKeyId());
    p.setProperty("secret-access-key", created.secretAccessKey());
    OwnerOnlyFiles.createDirectories(dataDir);
    OwnerOnlyFiles.write(
        file,
        out ->
            p.store(
                new OutputStreamWriter(out, StandardCharsets.UTF_8),
                "keys of the local S3 server"));
    return created;
  }

  /**
   * The local stack's pseudonym key for the trusted stage: 32 random bytes (hex) made on the first
   * start, kept beside the S3 keys, readable by the owner only. A real deployment passes its own
   * key.
   */
  static String loadOrCreatePseudonymKey(Path dataDir) throws IOException {
    Path file = dataDir.resolve("pseudonym-key");
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String hex = HexFormat.of().formatHex(key);
    OwnerOnlyFiles.createDirectories(dataDir);
    OwnerOnlyFiles.write(file, (hex + "\n").getBytes(StandardCharsets.UTF_8));
    return hex;
  }

  @Override
  public String toString() {
    return "LocalCredentials[accessKeyId=" + accessKeyId + ", secret=***]";
  }
}
