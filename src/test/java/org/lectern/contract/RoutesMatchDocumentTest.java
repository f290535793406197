package org.lectern.contract;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.servlet.annotation.WebServlet;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lectern.platform.LecternApplication;

/**
 * The JAX-RS routes of the application and the operations of {@code openapi.yaml} are the same set:
 * an endpoint without documentation, or documentation of an endpoint that does not exist, fails the
 * build. Run {@code mvn test -Dtest=RoutesMatchDocumentTest} to see both lists.
 */
class RoutesMatchDocumentTest {

  @Test
  void everyRouteIsDocumentedAndEveryOperationExists() {
    var routes = routes();
    Set<String> operations =
        new TreeSet<>(OpenApiDocument.operations(OpenApiDocument.parse()).keySet());

    Set<String> undocumented = new TreeSet<>(routes.keySet());
    undocumented.removeAll(operations);
    Set<String> unserved = new TreeSet<>(operations);
    unserved.removeAll(routes.keySet());

    System.out.printf(
        "%d JAX-RS routes, %d documented operations%n", routes.size(), operations.size());
    routes.forEach((route, where) -> System.out.println("  " + route + "  <- " + where));

    if (!undocumented.isEmpty() || !unserved.isEmpty()) {
      StringBuilder msg = new StringBuilder("JAX-RS routes and openapi.yaml differ.\n");
      undocumented.forEach(
          r ->
              msg.append("  route not in openapi.yaml: ")
                  .append(r)
                  .append("  (")
                  .append(routes.get(r))
                  .append(")\n"));
      unserved.forEach(o -> msg.append("  documented, no route: ").append(o).append('\n'));
      fail(msg.toString());
    }
    assertTrue(routes.size() > 0, "no JAX-RS routes found; is the scan wrong?");
  }

  private static boolean declares(Class<?> c, String method) {
    return Stream.of(c.getDeclaredMethods()).anyMatch(m -> m.getName().equals(method));
  }

  /** {@code "GET /api/stories/{}"} to the Java method that serves it. */
  static TreeMap<String, String> routes() {
    String applicationPath = null;
    List<Class<?>> resources = new ArrayList<>();
    for (Class<?> c : applicationClasses()) {
      if (c.isAnnotationPresent(ApplicationPath.class)) {
        applicationPath = c.getAnnotation(ApplicationPath.class).value();
      }
      if (c.isAnnotationPresent(Path.class) && !c.isAnonymousClass()) {
        resources.add(c);
      }
    }
    if (applicationPath == null) {
      throw new IllegalStateException("no @ApplicationPath class under org.lectern");
    }
    TreeMap<String, String> routes = new TreeMap<>();
    for (Class<?> resource : resources) {
      String base = applicationPath + "/" + resource.getAnnotation(Path.class).value();
      for (Method m : resource.getMethods()) {
        String http = httpMethod(m);
        if (http == null) {
          // A sub-resource locator would need following; Lectern has none, so say so loudly.
          if (m.isAnnotationPresent(Path.class)) {
            throw new IllegalStateException("sub-resource locator not supported: " + m);
          }
          continue;
        }
        Path sub = m.getAnnotation(Path.class);
        String path = OpenApiDocument.normalize(sub == null ? base : base + "/" + sub.value());
        String key = http + " " + path;
        String where = resource.getSimpleName() + "." + m.getName();
        String previous = routes.put(key, where);
        if (previous != null) {
          throw new IllegalStateException(key + " is served twice: " + previous + ", " + where);
        }
      }
    }
    // Plain servlets that answer GET (the JWK set at /.well-known/jwks.json) are endpoints too; the
    // error-page servlet answers only what the container forwards to it and declares no doGet.
    for (Class<?> c : applicationClasses()) {
      WebServlet servlet = c.getAnnotation(WebServlet.class);
      if (servlet != null && declares(c, "doGet")) {
        for (String pattern : servlet.urlPatterns()) {
          routes.put("GET " + pattern, c.getSimpleName() + ".doGet");
        }
      }
    }
    return routes;
  }

  /**
   * The compiled classes under {@code org.lectern} (main code only), loaded without running their
   * static initialisers. The launcher is left out: it runs outside the server.
   */
  private static List<Class<?>> applicationClasses() {
    java.nio.file.Path root;
    try {
      root =
          Paths.get(
              LecternApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    ClassLoader loader = RoutesMatchDocumentTest.class.getClassLoader();
    List<Class<?>> out = new ArrayList<>();
    try (Stream<java.nio.file.Path> files = Files.walk(root.resolve("org/lectern"))) {
      for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
        String rel = root.relativize(f).toString().replace('\\', '/');
        if (!rel.endsWith(".class") || rel.startsWith("org/lectern/launcher/")) {
          continue;
        }
        String name = rel.substring(0, rel.length() - ".class".length()).replace('/', '.');
        out.add(Class.forName(name, false, loader));
      }
    } catch (java.io.IOException | ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  private static String httpMethod(Method m) {
    for (Annotation a : m.getAnnotations()) {
      HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
      if (http != null) {
        return http.value();
      }
    }
    return null;
  }
}
