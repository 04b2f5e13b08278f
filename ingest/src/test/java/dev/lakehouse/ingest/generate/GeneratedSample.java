package dev.lakehouse.ingest.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Generated files kept for the test classes of one JVM: each sample is generated once. */
record GeneratedSample(GeneratorOptions options, GenerationManifest manifest, InMemorySink sink) {
  private static final Map<GeneratorOptions, GeneratedSample> CACHE = new ConcurrentHashMap<>();

  static GeneratedSample of(long seed, long orders, double badRate) {
    return CACHE.computeIfAbsent(
        new GeneratorOptions(seed, orders, badRate), GeneratedSample::generate);
  }

  static GeneratedSample generate(GeneratorOptions options) {
    InMemorySink sink = new InMemorySink();
    try {
      GenerationManifest manifest = new FoodDeliveryGenerator(options).generate(sink);
      return new GeneratedSample(options, manifest, sink);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  byte[] file(String fileName) {
    return sink.file(fileName);
  }

  FileManifest manifestOf(String fileName) {
    return manifest
        .file(fileName)
        .orElseThrow(() -> new AssertionError("no manifest entry for " + fileName));
  }
}
