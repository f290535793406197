package org.lectern.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The launcher's console: JSON log lines, the short text format, the start banner. */
class ConsoleOutputTest {

  @Test
  void jsonLogLinesAreOneObjectEachWithTheRequestId() {
    LogRecord r = new LogRecord(Level.WARNING, "first line\nsecond \"quoted\" line");
    r.setLoggerName("org.lectern.content.StoryService");
    r.setMillis(0);
    r.setThrown(new IllegalStateException("boom"));

    String out =
        new JsonLogFormatter().format(r, "http-thread-pool::http-listener(2) requestId=4f2c-9a");

    assertTrue(out.endsWith("}\n"), out);
    assertEquals(1, out.split("\n", -1).length - 1, "exactly one line: " + out);
    assertTrue(out.startsWith("{\"time\":\"1970-01-01T00:00:00Z\",\"level\":\"WARNING\""), out);
    assertTrue(out.contains("\"logger\":\"org.lectern.content.StoryService\""), out);
    assertTrue(out.contains("\"message\":\"first line\\nsecond \\\"quoted\\\" line\""), out);
    assertTrue(out.contains("\"thread\":\"http-thread-pool::http-listener(2)\""), out);
    assertTrue(out.contains("\"requestId\":\"4f2c-9a\""), out);
    assertTrue(out.contains("\"exception\":\"java.lang.IllegalStateException: boom\\n"), out);
    // parses back as one JSON object with the fields above
    Object parsed = MiniJson.parse(out.trim());
    assertTrue(parsed instanceof java.util.Map<?, ?> m && "4f2c-9a".equals(m.get("requestId")));
  }

  @Test
  void noRequestIdOutsideARequest() {
    LogRecord r = new LogRecord(Level.INFO, "started");
    r.setLoggerName("org.lectern.platform.Startup");
    String json = new JsonLogFormatter().format(r, "main");
    assertFalse(json.contains("requestId"), json);
    String text = new TextLogFormatter().format(r, "main");
    assertTrue(text.matches("\\d\\d:\\d\\d:\\d\\d INFO Startup: started\\R"), text);
  }

  @Test
  void textFormatKeepsAFailureOnOneLine() {
    LogRecord r = new LogRecord(Level.SEVERE, "could not deploy");
    r.setLoggerName("javax.enterprise.system.core");
    r.setThrown(new RuntimeException("outer", new IllegalArgumentException("the real cause")));
    String text = new TextLogFormatter().format(r, "main requestId=abc");
    assertTrue(
        text.matches(
            "\\d\\d:\\d\\d:\\d\\d SEVERE javax.enterprise.system.core: could not deploy"
                + " \\(the real cause\\) \\[requestId=abc\\]\\R"),
        text);
  }

  @Test
  void bannerListsTheDemoSchoolsSignInsAndTheGeneratedAdmin() {
    List<String> lines =
        Banner.lines(
            "1.2.3",
            8080,
            "embedded PostgreSQL, data in /x/postgres",
            Optional.of(new Banner.Admin("admin@lectern.local", "s3cret-once")),
            Path.of("tenants").toAbsolutePath(),
            12_345);
    String banner = String.join("\n", lines);

    assertTrue(banner.contains("Lectern 1.2.3 is ready (12.3 s)"), banner);
    assertTrue(banner.contains("http://localhost:8080/api"), banner);
    assertTrue(banner.contains("embedded PostgreSQL, data in /x/postgres"), banner);
    assertTrue(banner.contains("admin@lectern.local  /  s3cret-once"), banner);
    assertTrue(banner.contains("(tenant \"demo-school\")"), banner);
    assertTrue(
        banner
            .lines()
            .anyMatch(l -> l.matches("\\s+admin\\s+admin@demo-school.test\\s+demo-admin-pass")),
        banner);
    assertTrue(
        banner
            .lines()
            .anyMatch(l -> l.matches("\\s+student\\s+sam@demo-school.test\\s+demo-student-pass")),
        banner);
    assertTrue(lines.size() < 30, banner);
  }

  @Test
  void signInsAreOnlyThoseWithAPasswordInTheManifest() throws Exception {
    String manifest =
        """
        {"slug": "lincoln", "name": "Lincoln",
         "admins": [{"email": "p@l.test", "displayName": "P", "password": "pw-1"}],
         "teachers": [{"email": "t@l.test", "displayName": "T"}],
         "students": [{"email": "s@l.test", "displayName": "S", "password": "", "interests": ["a"]}]}
        """;
    List<Banner.SignIn> signIns = Banner.signIns(manifest);
    assertEquals(List.of(new Banner.SignIn("lincoln", "admin", "p@l.test", "pw-1")), signIns);
    assertTrue(Files.isRegularFile(Path.of("tenants/demo-school.json")));
  }

  @Test
  void logSettingsAreCheckedWithAClearMessage() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> LogSetup.fromSettings("LOUD", null));
    assertTrue(e.getMessage().startsWith("LECTERN_LOG_LEVEL must be one of"), e.getMessage());
    LogSetup json = LogSetup.fromSettings("fine", "JSON");
    assertTrue(json.json());
    assertEquals("FINE", json.properties().getProperty("org.lectern.level"));
    assertEquals("WARNING", json.properties().getProperty(".level"));
    assertEquals(
        "SEVERE", json.properties().getProperty("javax.enterprise.system.security.ssl.level"));
  }
}
