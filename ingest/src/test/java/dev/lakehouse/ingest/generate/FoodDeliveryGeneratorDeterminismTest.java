package dev.lakehouse.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same options, same bytes; another seed, other bytes. */
class FoodDeliveryGeneratorDeterminismTest {
  @Test
  void sameSeedGivesTheSameBytes() {
    GeneratedSample first = GeneratedSample.generate(new GeneratorOptions(99, 1_500, 0.02));
    GeneratedSample second = GeneratedSample.generate(new GeneratorOptions(99, 1_500, 0.02));
    assertThat(second.sink().files.keySet()).containsExactlyElementsOf(first.sink().files.keySet());
    first
        .sink()
        .files
        .forEach((name, bytes) -> assertThat(second.file(name)).as(name).isEqualTo(bytes));
    assertThat(second.manifest()).isEqualTo(first.manifest());
  }

  @Test
  void anotherSeedGivesOtherBytes() {
    GeneratedSample first = GeneratedSample.generate(new GeneratorOptions(99, 1_500, 0.02));
    GeneratedSample other = GeneratedSample.generate(new GeneratorOptions(100, 1_500, 0.02));
    for (String name : first.sink().files.keySet()) {
      if (!name.equals(GenerationManifest.FILE_NAME)) {
        assertThat(other.file(name)).as(name).isNotEqualTo(first.file(name));
      }
    }
  }

  @Test
  void gzipHeadersCarryNoTimeAndFilesAreWrittenInOrderManifestLast() {
    GeneratedSample sample = GeneratedSample.generate(new GeneratorOptions(5, 300, 0.02));
    for (String name : sample.sink().files.keySet()) {
      if (name.endsWith(".gz")) {
        byte[] bytes = sample.file(name);
        assertThat(bytes[0] & 0xFF).isEqualTo(0x1F);
        assertThat(bytes[1] & 0xFF).isEqualTo(0x8B);
        assertThat(new byte[] {bytes[4], bytes[5], bytes[6], bytes[7]})
            .as("MTIME of " + name)
            .containsOnly(0);
      }
    }
    assertThat(sample.sink().opened)
        .containsExactly(
            "consumer.csv.gz",
            "restaurant.csv.gz",
            "order.json.gz",
            "status.json.gz",
            GeneratorOptions.TRUNCATED_FILE_NAME,
            GenerationManifest.FILE_NAME);
    assertThat(sample.sink().closed).containsExactlyElementsOf(sample.sink().opened);
    String manifest = new String(sample.file(GenerationManifest.FILE_NAME), StandardCharsets.UTF_8);
    assertThat(manifest).isEqualTo(sample.manifest().toJson());
    assertThat(GenerationManifest.fromJson(manifest)).isEqualTo(sample.manifest());
  }

  @Test
  void directorySinkWritesTheSameFiles(@TempDir Path dir) throws Exception {
    GeneratorOptions options = new GeneratorOptions(5, 300, 0.02);
    GenerationManifest manifest =
        new FoodDeliveryGenerator(options).generate(new DirectorySink(dir.resolve("out")));
    GeneratedSample inMemory = GeneratedSample.generate(options);
    assertThat(manifest).isEqualTo(inMemory.manifest());
    for (String name : inMemory.sink().files.keySet()) {
      assertThat(Files.readAllBytes(dir.resolve("out").resolve(name)))
          .as(name)
          .isEqualTo(inMemory.file(name));
    }
  }
}
