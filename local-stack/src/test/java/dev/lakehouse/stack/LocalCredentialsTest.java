package dev.lakehouse.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.files.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCredentialsTest {
  @TempDir Path root;

  @Test
  void theKeysAndTheirDirectoryAreOwnerOnlyAndKeptAcrossStarts() throws IOException {
    Path dataDir = root.resolve(".lakehouse");
    LocalCredentials created = LocalCredentials.loadOrCreate(dataDir);
    String key = LocalCredentials.loadOrCreatePseudonymKey(dataDir);

    assertThat(Files.getPosixFilePermissions(dataDir)).isEqualTo(OwnerOnlyFiles.DIRECTORY);
    assertThat(Files.getPosixFilePermissions(dataDir.resolve("s3-credentials.properties")))
        .isEqualTo(OwnerOnlyFiles.FILE);
    assertThat(Files.getPosixFilePermissions(dataDir.resolve("pseudonym-key")))
        .isEqualTo(OwnerOnlyFiles.FILE);
    assertThat(created.secretAccessKey()).hasSize(48);
    assertThat(key).hasSize(64);

    assertThat(LocalCredentials.loadOrCreate(dataDir)).isEqualTo(created);
    assertThat(LocalCredentials.loadOrCreatePseudonymKey(dataDir)).isEqualTo(key);
  }
}
