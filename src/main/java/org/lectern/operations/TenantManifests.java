package org.lectern.operations;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lectern.platform.Jsons;
import org.lectern.platform.Startup;

/**
 * Applies the tenant manifests in {@code LECTERN_TENANTS_DIR} (default {@code tenants/}) at start:
 * one JSON file a school with its slug, name, admins, teachers, students, extra roles and policies.
 * Idempotent: what exists is left as it is (passwords included), so a second start changes nothing.
 * Each file is its own transaction; a bad file is reported and skipped, not fatal.
 */
@ApplicationScoped
public class TenantManifests {

  private static final Logger LOG = Logger.getLogger(TenantManifests.class.getName());

  @Inject
  @ConfigProperty(name = "lectern.tenants.dir", defaultValue = "tenants")
  String directory;

  @Inject ManifestApplier applier;

  void onDatabaseReady(@Observes @Priority(20) Startup.DatabaseReady ready) {
    Path dir = Path.of(directory).toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      LOG.info(() -> "No tenant manifests at " + dir);
      return;
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      LOG.warning(() -> "Cannot list tenant manifests in " + dir + ": " + e.getMessage());
      return;
    }
    for (Path file : files) {
      try {
        JsonObject manifest = read(file);
        ManifestApplier.Result result = applier.apply(manifest);
        LOG.info(() -> "Tenant manifest " + file.getFileName() + ": " + result);
      } catch (RuntimeException | IOException e) {
        LOG.severe(() -> "Tenant manifest " + file.getFileName() + " not applied: " + describe(e));
      }
    }
  }

  private static JsonObject read(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file);
        JsonReader json = Jsons.provider().createReader(r)) {
      JsonValue v = json.readValue();
      if (v.getValueType() != JsonValue.ValueType.OBJECT) {
        throw new IllegalArgumentException("a manifest is one JSON object");
      }
      return v.asJsonObject();
    }
  }

  private static String describe(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
