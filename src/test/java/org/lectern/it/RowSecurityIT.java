package org.lectern.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Row-level security, the second wall: what PostgreSQL itself lets the application's role see and
 * change when the application's own tenant filter is left out. The unfiltered queries run through a
 * test-only resource on the application's real connections ({@code it.probe.RowSecurityProbe}); the
 * rest connect as the application's role directly.
 */
class RowSecurityIT extends ApiTestBase {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Schools.School a;
  private Schools.School b;

  @BeforeEach
  void twoSchoolsWithPeopleAndStories() {
    a = schools.newSchool();
    b = schools.newSchool();
    for (Schools.School s : List.of(a, b)) {
      Schools.Person teacher = schools.person(s, "teacher");
      schools.person(s, "student");
      schools.story(teacher.token(), "Row security", "beginner");
    }
  }

  @Test
  void anUnfilteredQuerySeesOnlyTheCallersSchool() throws SQLException {
    for (Schools.School school : List.of(a, b)) {
      for (String mode : List.of("", "/in-transaction")) {
        for (String table : List.of("users", "stories", "roles", "audit_logs")) {
          Map<String, Object> seen = probe(mode, table, school.adminToken(), null);
          assertEquals(
              Map.of(school.id(), rowsOf(table, school.id())),
              seen,
              table + mode + ": only the caller's school, all of its rows");
        }
      }
    }
  }

  @Test
  void platformWorkWithoutASchoolSeesNoSchoolsRows() throws SQLException {
    String root = schools.rootToken();
    for (String mode : List.of("", "/in-transaction")) {
      assertEquals(Map.of(), probe(mode, "users", root, null), "no school named: no rows");
      assertEquals(
          Map.of(a.id(), rowsOf("users", a.id())),
          probe(mode, "users", root, a.id()),
          "a school named with X-Tenant-Id: that school's rows");
    }
  }

  @Test
  void pooledConnectionsNeverCarryASchoolIntoTheNextRequest() {
    String root = schools.rootToken();
    for (int round = 0; round < 20; round++) {
      assertEquals(java.util.Set.of(a.id()), probe("", "users", a.adminToken(), null).keySet());
      assertEquals(Map.of(), probe("/in-transaction", "users", root, null), "after " + a.id());
      assertEquals(
          java.util.Set.of(b.id()),
          probe("/in-transaction", "users", b.adminToken(), null).keySet());
      assertEquals(Map.of(), probe("", "users", root, null), "after " + b.id());
    }
  }

  @Test
  void aTransactionBoundToNoSchoolSeesNothingAndWritesNothing() throws SQLException {
    long before = rowsOf("users", a.id());
    try (Connection app = asApplication()) {
      app.setAutoCommit(false);
      assertEquals(0, count(app, "SELECT count(*) FROM users"));
      assertEquals(0, count(app, "SELECT count(*) FROM stories"));
      assertEquals(0, update(app, "UPDATE users SET display_name = 'x'"));
      assertEquals(0, update(app, "DELETE FROM stories"));
      SQLException refused =
          assertThrows(
              SQLException.class,
              () ->
                  update(
                      app,
                      "INSERT INTO tags (tenant_id, id, name) VALUES ('"
                          + a.id()
                          + "', '"
                          + UUID.randomUUID()
                          + "', 'smuggled')"));
      assertEquals("42501", refused.getSQLState(), "row-level security refuses the row");
      app.rollback();
    }
    assertEquals(before, rowsOf("users", a.id()));
    assertEquals(0, tagsNamed("smuggled"), "no row was written");
  }

  @Test
  void aBoundTransactionCannotWriteIntoAnotherSchool() throws SQLException {
    try (Connection app = asApplication()) {
      app.setAutoCommit(false);
      bind(app, a.id());
      assertEquals(rowsOf("users", a.id()), count(app, "SELECT count(*) FROM users"));
      SQLException refused =
          assertThrows(
              SQLException.class,
              () ->
                  update(
                      app,
                      "UPDATE stories SET tenant_id = '"
                          + b.id()
                          + "' WHERE tenant_id = '"
                          + a.id()
                          + "'"));
      assertEquals("42501", refused.getSQLState());
      app.rollback();
    }
  }

  @Test
  void theSettingEndsWithItsTransaction() throws SQLException {
    try (Connection app = asApplication()) {
      app.setAutoCommit(false);
      bind(app, a.id());
      assertTrue(count(app, "SELECT count(*) FROM users") > 0);
      app.commit();
      assertEquals(0, count(app, "SELECT count(*) FROM users"), "next transaction: unbound");
      bind(app, b.id());
      app.rollback();
      app.setAutoCommit(true);
      assertEquals(0, count(app, "SELECT count(*) FROM users"), "after a rollback: unbound");
    }
  }

  @Test
  void theApplicationsRoleCannotTakeTheWallDown() throws SQLException {
    try (Connection app = asApplication()) {
      try (Statement st = app.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT rolsuper, rolbypassrls, (SELECT count(*) FROM pg_tables"
                      + " WHERE tableowner = current_user) FROM pg_roles WHERE rolname = current_user")) {
        assertTrue(rs.next());
        assertFalse(rs.getBoolean(1), "not a superuser");
        assertFalse(rs.getBoolean(2), "no BYPASSRLS");
        assertEquals(0, rs.getLong(3), "owns no table");
      }
      for (String attempt :
          List.of(
              "ALTER TABLE users DISABLE ROW LEVEL SECURITY",
              "ALTER TABLE users NO FORCE ROW LEVEL SECURITY",
              "DROP POLICY tenant_isolation ON users",
              "ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_no_update",
              "DROP TRIGGER audit_logs_no_update ON audit_logs",
              "UPDATE audit_logs SET action = 'FORGED'",
              "DELETE FROM audit_logs",
              "TRUNCATE audit_logs",
              "INSERT INTO audit_heads (tenant_id, seq, hash) VALUES (gen_random_uuid(), 0, '')",
              "SET SESSION AUTHORIZATION postgres",
              "SET ROLE postgres")) {
        SQLException refused =
            assertThrows(SQLException.class, () -> update(app, attempt), attempt);
        assertEquals("42501", refused.getSQLState(), attempt + ": " + refused.getMessage());
      }
    }
  }

  @Test
  void theAuditTrailTakesOnlyTheBoundSchoolsOrThePlatformsChain() throws SQLException {
    try (Connection app = asApplication()) {
      app.setAutoCommit(false);
      bind(app, a.id());
      SQLException refused =
          assertThrows(
              SQLException.class,
              () ->
                  count(
                      app,
                      "SELECT audit_append('"
                          + b.id()
                          + "', gen_random_uuid(), 'system', NULL, NULL, NULL, NULL, 'CREATE',"
                          + " 'probe', NULL, NULL, NULL, NULL, NULL)"));
      assertEquals("42501", refused.getSQLState());
      app.rollback();
    }
  }

  @Test
  void everyTableWithATenantIdHasTheWall() throws SQLException {
    try (Connection c = Db.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                """
                SELECT c.relname FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
                WHERE c.relkind = 'r' AND NOT (c.relrowsecurity AND c.relforcerowsecurity
                    AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))
                ORDER BY 1""")) {
      StringBuilder missing = new StringBuilder();
      while (rs.next()) {
        missing.append(rs.getString(1)).append(' ');
      }
      assertEquals("", missing.toString(), "tables without forced row-level security");
    }
  }

  // --- helpers ---

  private Map<String, Object> probe(String mode, String table, String token, String tenant) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(api.base() + "/api/test-only/rows" + mode + "?table=" + table))
            .header("Authorization", "Bearer " + token);
    if (tenant != null) {
      request.header("X-Tenant-Id", tenant);
    }
    try {
      HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      JsonObject perTenant =
          Json.createReader(new StringReader(r.body())).readObject().getJsonObject("rowsPerTenant");
      return Map.copyOf(
          perTenant.entrySet().stream()
              .collect(
                  java.util.stream.Collectors.toMap(
                      Map.Entry::getKey, e -> (Object) Long.parseLong(e.getValue().toString()))));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** What the table holds for a school, counted by the superuser behind the application's back. */
  private static Long rowsOf(String table, String tenantId) throws SQLException {
    return Long.valueOf(
        Db.column("SELECT count(*) FROM " + table + " WHERE tenant_id = CAST(? AS uuid)", tenantId)
            .get(0));
  }

  private static long tagsNamed(String name) throws SQLException {
    return Long.parseLong(Db.column("SELECT count(*) FROM tags WHERE name = ?", name).get(0));
  }

  private static Connection asApplication() throws SQLException {
    return DriverManager.getConnection(
        System.getProperty("lectern.it.db.url"),
        System.getProperty("lectern.it.db.app.user"),
        System.getProperty("lectern.it.db.app.password"));
  }

  private static void bind(Connection c, String tenantId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT set_config('lectern.tenant_id', ?, true)")) {
      ps.setString(1, tenantId);
      ps.executeQuery().close();
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static int update(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      return st.executeUpdate(sql);
    }
  }
}
