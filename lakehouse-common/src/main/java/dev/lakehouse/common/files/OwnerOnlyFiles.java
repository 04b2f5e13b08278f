package dev.lakehouse.common.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and directories that only their owner can read, from the moment they exist: a secret file
 * is created with mode {@code rw-------} (the permission is an attribute of the creating call, so
 * no other user can open it between its creation and a later chmod), written in full, then moved
 * over the target atomically; a directory is created {@code rwx------}. On a file system without
 * POSIX permissions (Windows) the files are written the same way without the attribute.
 */
public final class OwnerOnlyFiles {
  public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  public static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  /** Writes the content of a file, given the stream that ends up in it. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private OwnerOnlyFiles() {}

  /**
   * Creates {@code dir} and its missing parents {@code rwx------}; an existing {@code dir} is made
   * {@code rwx------} (parents that exist are left as they are).
   */
  public static Path createDirectories(Path dir) throws IOException {
    Path absolute = dir.toAbsolutePath();
    if (!posix(absolute)) {
      return Files.createDirectories(absolute);
    }
    if (Files.isDirectory(absolute)) {
      Files.setPosixFilePermissions(absolute, DIRECTORY);
      return absolute;
    }
    Path parent = absolute.getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      createDirectories(parent);
    }
    try {
      Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(DIRECTORY));
    } catch (FileAlreadyExistsException raced) {
      Files.setPosixFilePermissions(absolute, DIRECTORY);
    }
    return absolute;
  }

  /**
   * Replaces {@code file} atomically by one holding {@code content}, readable and writable by the
   * owner only: a temporary file beside it is created {@code rw-------}, written and synced, then
   * moved over it. The directory must exist. Readers see the old file or the new one, never a part.
   */
  public static void write(Path file, Content content) throws IOException {
    Path absolute = file.toAbsolutePath();
    Path dir = absolute.getParent();
    Path temporary =
        posix(dir)
            ? Files.createTempFile(
                dir,
                absolute.getFileName() + ".",
                ".tmp",
                PosixFilePermissions.asFileAttribute(FILE))
            : Files.createTempFile(dir, absolute.getFileName() + ".", ".tmp");
    try {
      try (OutputStream out =
          Files.newOutputStream(temporary, StandardOpenOption.WRITE, StandardOpenOption.SYNC)) {
        content.writeTo(out);
      }
      Files.move(
          temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** {@link #write(Path, Content)} with these bytes. */
  public static void write(Path file, byte[] bytes) throws IOException {
    write(file, out -> out.write(bytes));
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
