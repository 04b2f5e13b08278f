package dev.lakehouse.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The keys of the local S3 server: made at random on the first start, kept in the data directory
 * (readable by the owner only) and reused after restarts. There is no built-in secret.
 */
record LocalCredentials(String accessKeyId, String secretAccessKey) {

  static LocalCredentials loadOrCreate(Path dataDir) throws IOException {
    Path file = dataDir.resolve("s3-credentials.properties");
    Properties p = new Properties();
    if (Files.exists(file)) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(reader);
      }
      return new LocalCredentials(p.getProperty("access-key-id"), p.getProperty("secret-access-key"));
    }
    byte[] secret = new byte[24];
    new SecureRandom().nextBytes(secret);
    LocalCredentials created = new LocalCredentials("lakehouse-local", HexFormat.of().formatHex(secret));
    p.setProperty("access-key-id", created.accessKeyId());
    p.setProperty("secret-access-key", created.secretAccessKey());
    Files.createDirectories(dataDir);
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(writer, "keys of the local S3 server");
    }
    restrictToOwner(file);
    return created;
  }

  /**
   * The local stack's pseudonym key for the trusted stage: 32 random bytes (hex) made on the first start,
   * kept beside the S3 keys, readable by the owner only. A real deployment passes its own key.
   */
  static String loadOrCreatePseudonymKey(Path dataDir) throws IOException {
    Path file = dataDir.resolve("pseudonym-key");
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String hex = HexFormat.of().formatHex(key);
    Files.createDirectories(dataDir);
    Files.writeString(file, hex + "\n", StandardCharsets.UTF_8);
    restrictToOwner(file);
    return hex;
  }

  /** Files holding the local keys are readable by their owner only. */
  static void restrictToOwner(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system: the data directory's own permissions apply
    }
  }

  @Override
  public String toString() {
    return "LocalCredentials[accessKeyId=" + accessKeyId + ", secret=***]";
  }
}
