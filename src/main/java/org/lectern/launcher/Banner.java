package org.lectern.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a start prints when Lectern is ready: version, URL, database, the super-admin's generated
 * credentials (first start only), the sign-ins the tenant manifests carry passwords for, and the
 * time it took.
 */
final class Banner {

  /** Sign-ins listed per manifest; the rest are counted. */
  static final int MAX_SIGN_INS = 8;

  record SignIn(String tenant, String role, String email, String password) {}

  record Admin(String email, String password) {}

  private Banner() {}

  static List<String> lines(
      String version,
      int port,
      String database,
      Optional<Admin> admin,
      Path tenantsDir,
      long millis) {
    List<String> out = new ArrayList<>();
    out.add("");
    out.add(String.format(Locale.ROOT, "  Lectern %s is ready (%.1f s)", version, millis / 1000.0));
    out.add("    API       http://localhost:" + port + "/api");
    out.add(
        "    Health    http://localhost:"
            + port
            + "/health    OpenAPI  http://localhost:"
            + port
            + "/openapi");
    out.add("    Database  " + database);
    admin.ifPresent(
        a -> {
          out.add("");
          out.add("  Platform super-admin, created now; the password is shown this once:");
          out.add("    " + a.email() + "  /  " + a.password());
          out.add("    (set LECTERN_BOOTSTRAP_ADMIN_PASSWORD to choose it yourself)");
        });
    for (Path manifest : manifests(tenantsDir)) {
      List<SignIn> signIns;
      try {
        signIns = signIns(Files.readString(manifest));
      } catch (IOException | RuntimeException e) {
        continue; // the application reports a bad manifest itself
      }
      if (signIns.isEmpty()) {
        continue;
      }
      out.add("");
      out.add(
          "  Sign-ins from "
              + tenantsDir.relativize(manifest)
              + " (tenant \""
              + signIns.get(0).tenant()
              + "\"):");
      int width = signIns.stream().mapToInt(s -> s.email().length()).max().orElse(0);
      for (SignIn s : signIns.subList(0, Math.min(MAX_SIGN_INS, signIns.size()))) {
        out.add(
            String.format(
                Locale.ROOT, "    %-8s %-" + width + "s  %s", s.role(), s.email(), s.password()));
      }
      if (signIns.size() > MAX_SIGN_INS) {
        out.add("    ... and " + (signIns.size() - MAX_SIGN_INS) + " more in the manifest");
      }
    }
    out.add("");
    return out;
  }

  private static List<Path> manifests(Path dir) {
    List<Path> files = new ArrayList<>();
    if (dir == null || !Files.isDirectory(dir)) {
      return files;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
      ds.forEach(files::add);
    } catch (IOException e) {
      return files;
    }
    files.sort(null);
    return files;
  }

  /** The people of one manifest whose passwords it holds, admins first. */
  static List<SignIn> signIns(String manifestJson) {
    List<SignIn> out = new ArrayList<>();
    if (!(MiniJson.parse(manifestJson) instanceof Map<?, ?> m)) {
      return out;
    }
    Object slug = m.get("slug");
    if (!(slug instanceof String tenant)) {
      return out;
    }
    String[][] groups = {{"admins", "admin"}, {"teachers", "teacher"}, {"students", "student"}};
    for (String[] g : groups) {
      if (!(m.get(g[0]) instanceof List<?> people)) {
        continue;
      }
      for (Object o : people) {
        if (o instanceof Map<?, ?> p
            && p.get("email") instanceof String email
            && p.get("password") instanceof String password
            && !password.isBlank()) {
          out.add(new SignIn(tenant, g[1], email, password));
        }
      }
    }
    return out;
  }
}
