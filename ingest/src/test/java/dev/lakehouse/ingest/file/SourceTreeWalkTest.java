package dev.lakehouse.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakehouse.common.settings.ContractSettings;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder that vanishes or cannot be read during a listing is passed over; hidden folders are not
 * entered. The walker's failure events are called directly: a folder deleted between the walker
 * reading its entry and opening it cannot be staged deterministically (and root reads any folder).
 */
class SourceTreeWalkTest {
  private static final SourceFileNames BUILT_IN =
      new SourceFileNames(ContractSettings.builtIn().contracts());

  @Test
  void aVanishedOrUnreadableEntryContinuesTheWalkButTheRootFailing(@TempDir Path dir)
      throws Exception {
    SourceTreeWalk walk = new SourceTreeWalk(dir, BUILT_IN);
    assertThat(walk.visitFileFailed(dir.resolve("gone"), new NoSuchFileException("gone")))
        .isEqualTo(FileVisitResult.CONTINUE);
    assertThat(walk.visitFileFailed(dir.resolve("locked"), new AccessDeniedException("locked")))
        .isEqualTo(FileVisitResult.CONTINUE);
    assertThat(walk.postVisitDirectory(dir.resolve("half"), new IOException("listing broke")))
        .isEqualTo(FileVisitResult.CONTINUE);
    assertThatThrownBy(() -> walk.visitFileFailed(dir, new AccessDeniedException(dir.toString())))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void hiddenFoldersAreNotEntered(@TempDir Path dir) throws Exception {
    Files.writeString(
        Files.createDirectories(dir.resolve(".staging")).resolve("order.json"), "{}\n");
    Files.writeString(Files.createDirectories(dir.resolve("in")).resolve("order.json"), "{}\n");
    SourceTreeWalk walk = new SourceTreeWalk(dir, BUILT_IN);
    assertThat(walk.preVisitDirectory(dir.resolve(".staging"), null))
        .isEqualTo(FileVisitResult.SKIP_SUBTREE);
    assertThat(walk.preVisitDirectory(dir.resolve("in"), null)).isEqualTo(FileVisitResult.CONTINUE);
    assertThat(SourceTreeWalk.of(dir, BUILT_IN))
        .extracting(f -> dir.relativize(f.path()).toString().replace('\\', '/'))
        .containsExactly("in/order.json");
  }

  @Test
  void aHiddenRootIsWalked(@TempDir Path dir) throws Exception {
    Path root = Files.createDirectories(dir.resolve(".inbox"));
    Files.writeString(root.resolve("order.json"), "{}\n");
    assertThat(SourceTreeWalk.of(root, BUILT_IN)).hasSize(1);
  }

  @Test
  void aLinkToAFileIsListedWithTheFilesSizeAndADanglingOneIsPassedOver(@TempDir Path dir)
      throws Exception {
    Path target = Files.writeString(dir.resolve("elsewhere.txt"), "{\"order_id\":\"a\"}\n");
    Files.createSymbolicLink(dir.resolve("order.json"), target);
    Files.createSymbolicLink(dir.resolve("status.json"), dir.resolve("missing"));
    assertThat(SourceTreeWalk.of(dir, BUILT_IN))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.path().getFileName().toString()).isEqualTo("order.json");
              assertThat(f.attributes().size()).isEqualTo(Files.size(target));
            });
  }
}
