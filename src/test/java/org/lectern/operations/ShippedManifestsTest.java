package org.lectern.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every manifest the repository ships uses only fields the format has: a field added to a manifest
 * but not to the format stops the whole school at start (the demo school once did).
 */
class ShippedManifestsTest {

  @Test
  void everyShippedManifestHasOnlyKnownFields() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("tenants"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        try (Reader r = Files.newBufferedReader(f)) {
          JsonObject manifest = Json.createReader(r).readObject();
          assertEquals(List.of(), ManifestApplier.unknownFields(manifest), f.toString());
        }
      }
    }
  }
}
