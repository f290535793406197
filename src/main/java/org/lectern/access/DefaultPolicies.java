package org.lectern.access;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.lectern.platform.Jsons;

/**
 * The shipped policy files from {@code policies/} (packaged into the war): the jCasbin model, the
 * default role grants every tenant starts with, the platform roles' grants and the default ABAC
 * rules.
 */
@ApplicationScoped
public class DefaultPolicies {

  /** One "role, resource, action" line of a grants file. */
  public record Grant(String role, String resource, String action) {}

  private String model;
  private List<Grant> tenantGrants;
  private List<Grant> platformGrants;
  private JsonArray defaultRules;

  @PostConstruct
  void load() {
    model = read("model.conf");
    tenantGrants = grants(read("roles.csv"));
    platformGrants = grants(read("platform.csv"));
    try (JsonReader r =
        Jsons.provider().createReader(new java.io.StringReader(read("default-policies.json")))) {
      defaultRules = r.readArray();
    }
  }

  String model() {
    return model;
  }

  public List<Grant> tenantGrants() {
    return tenantGrants;
  }

  List<Grant> platformGrants() {
    return platformGrants;
  }

  /** The default ABAC rules as JSON objects in the shape of {@code POST /api/policies}. */
  public List<JsonObject> defaultRules() {
    List<JsonObject> out = new ArrayList<>();
    for (JsonValue v : defaultRules) {
      out.add(v.asJsonObject());
    }
    return out;
  }

  static List<Grant> grants(String csv) {
    List<Grant> out = new ArrayList<>();
    for (String line : csv.split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] parts = l.split("\\s*,\\s*");
      if (parts.length != 3) {
        throw new IllegalStateException("bad grant line (want role, resource, action): " + l);
      }
      out.add(new Grant(parts[0], parts[1], parts[2]));
    }
    return List.copyOf(out);
  }

  private static String read(String name) {
    try (InputStream in = DefaultPolicies.class.getResourceAsStream("/policies/" + name)) {
      if (in == null) {
        throw new IllegalStateException("policies/" + name + " is missing from the application");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
