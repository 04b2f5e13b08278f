package dev.lakehouse.common.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {
  @TempDir Path dir;

  @Test
  void aWrittenFileIsOwnerOnlyAndHoldsTheContent() throws IOException {
    Path file = dir.resolve("secret.properties");
    OwnerOnlyFiles.write(file, "key=value\n".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(OwnerOnlyFiles.FILE);
    assertThat(Files.readString(file)).isEqualTo("key=value\n");
    assertThat(namesIn(dir)).containsExactly("secret.properties");
  }

  @Test
  void theFileIsOwnerOnlyBeforeItsFirstByte() throws IOException {
    Path file = dir.resolve("pseudonym-key");
    List<String> seen = new ArrayList<>();
    OwnerOnlyFiles.write(
        file,
        out -> {
          // the content is not written yet: the file that will hold it already exists, owner-only
          try (Stream<Path> files = Files.list(dir)) {
            for (Path created : files.toList()) {
              seen.add(
                  created.getFileName()
                      + " "
                      + PosixFilePermissions.toString(Files.getPosixFilePermissions(created))
                      + " "
                      + Files.size(created));
            }
          }
          out.write("abc\n".getBytes(StandardCharsets.UTF_8));
        });
    assertThat(seen)
        .singleElement()
        .asString()
        .startsWith("pseudonym-key.")
        .endsWith(".tmp rw------- 0");
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(OwnerOnlyFiles.FILE);
  }

  @Test
  void replacingAReadableFileLeavesAnOwnerOnlyOne() throws IOException {
    Path file = dir.resolve("lakehouse.properties");
    Files.writeString(file, "old\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    OwnerOnlyFiles.write(file, "new\n".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(OwnerOnlyFiles.FILE);
    assertThat(Files.readString(file)).isEqualTo("new\n");
  }

  @Test
  void aFailedWriteKeepsTheOldFileAndLeavesNoTemporary() throws IOException {
    Path file = dir.resolve("s3-credentials.properties");
    OwnerOnlyFiles.write(file, "old\n".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(
            () ->
                OwnerOnlyFiles.write(
                    file,
                    out -> {
                      out.write("half".getBytes(StandardCharsets.UTF_8));
                      throw new IOException("disk full");
                    }))
        .hasMessage("disk full");
    assertThat(Files.readString(file)).isEqualTo("old\n");
    assertThat(namesIn(dir)).containsExactly("s3-credentials.properties");
  }

  @Test
  void directoriesAreCreatedOwnerOnlyAndAnExistingOneIsTightened() throws IOException {
    Path nested = dir.resolve("a").resolve("data");
    OwnerOnlyFiles.createDirectories(nested);
    assertThat(Files.getPosixFilePermissions(nested)).isEqualTo(OwnerOnlyFiles.DIRECTORY);
    assertThat(Files.getPosixFilePermissions(nested.getParent()))
        .isEqualTo(OwnerOnlyFiles.DIRECTORY);

    Path open = Files.createDirectory(dir.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
    OwnerOnlyFiles.createDirectories(open);
    assertThat(Files.getPosixFilePermissions(open)).isEqualTo(OwnerOnlyFiles.DIRECTORY);
  }

  private static List<String> namesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }
}
