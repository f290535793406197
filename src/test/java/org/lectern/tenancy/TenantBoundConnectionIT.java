package org.lectern.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connection wrapper against a real PostgreSQL, as the application's role, on a table of its
 * own with the same policy as the schema's: the setting must reach every statement, including the
 * driver's server-prepared ones (from the fifth use of a statement on), and its parameters must
 * land where the caller put them.
 */
class TenantBoundConnectionIT {

  private static final UUID A = UUID.randomUUID();
  private static final UUID B = UUID.randomUUID();

  /** What migration V13's lectern_tenant() reads (this test may run before the migrations). */
  private static final String BOUND =
      "nullif(current_setting('" + RowSecurity.SETTING + "', true), '')::uuid";

  private static final String TABLE = "rls_probe_" + Long.toHexString(System.nanoTime());

  private UUID current;
  private final AtomicInteger sentAlone = new AtomicInteger();
  private final TenantBoundConnection.Tenant tenant =
      new TenantBoundConnection.Tenant() {
        @Override
        public UUID current() {
          return current;
        }

        @Override
        public void statementSent() {
          sentAlone.incrementAndGet();
        }
      };

  @BeforeAll
  static void table() throws SQLException {
    try (Connection c = owner();
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE "
              + TABLE
              + " (tenant_id uuid NOT NULL, id int NOT NULL, name text, PRIMARY KEY (tenant_id, id))");
      st.execute("ALTER TABLE " + TABLE + " ENABLE ROW LEVEL SECURITY");
      st.execute("ALTER TABLE " + TABLE + " FORCE ROW LEVEL SECURITY");
      st.execute(
          "CREATE POLICY p ON "
              + TABLE
              + " USING (tenant_id = "
              + BOUND
              + ") WITH CHECK (tenant_id = "
              + BOUND
              + ")");
      st.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON " + TABLE + " TO " + appRole());
      st.execute(
          "INSERT INTO "
              + TABLE
              + " VALUES ('"
              + A
              + "', 1, 'a1'), ('"
              + A
              + "', 2, 'a2'), ('"
              + B
              + "', 1, 'b1')");
    }
  }

  @AfterAll
  static void drop() throws SQLException {
    try (Connection c = owner();
        Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS " + TABLE);
    }
  }

  @Test
  void everyExecutionSeesItsTenantOnceTheDriverPreparesOnTheServer() throws SQLException {
    try (Connection c = TenantBoundConnection.wrap(app(), tenant)) {
      for (int i = 0; i < 12; i++) {
        current = i % 3 == 2 ? B : A;
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT name FROM " + TABLE + " WHERE tenant_id = ? AND id = ? AND id > ?")) {
          ps.setString(1, current.toString());
          ps.setInt(2, 1);
          ps.setInt(3, 0);
          try (ResultSet rs = ps.executeQuery()) {
            assertEquals(true, rs.next(), "execution " + i);
            assertEquals(current == A ? "a1" : "b1", rs.getString(1), "execution " + i);
          }
        }
      }
    }
  }

  @Test
  void anUnfilteredQuerySeesOnlyTheCurrentTenantInAndOutOfTransactions() throws SQLException {
    try (Connection c = TenantBoundConnection.wrap(app(), tenant)) {
      for (boolean autoCommit : new boolean[] {true, false}) {
        c.setAutoCommit(autoCommit);
        for (int i = 0; i < 8; i++) {
          current = A;
          assertEquals(2, count(c), "A, autocommit " + autoCommit);
          if (!autoCommit) {
            c.commit();
          }
          current = null;
          assertEquals(0, count(c), "no tenant, autocommit " + autoCommit);
          if (!autoCommit) {
            c.commit();
          }
        }
      }
    }
  }

  @Test
  void aWriteFirstInATransactionSendsTheSettingAloneAndStaysInItsTenant() throws SQLException {
    try (Connection c = TenantBoundConnection.wrap(app(), tenant)) {
      c.setAutoCommit(false);
      current = B;
      int before = sentAlone.get();
      try (PreparedStatement ps =
          c.prepareStatement("UPDATE " + TABLE + " SET name = ? WHERE id = ?")) {
        ps.setString(1, "renamed");
        ps.setInt(2, 1);
        assertEquals(1, ps.executeUpdate(), "only B's row 1");
      }
      assertEquals(before + 1, sentAlone.get());
      c.rollback();
    }
  }

  @Test
  void updatesCarryingTheSettingCountTheirRows() throws SQLException {
    try (Connection c = TenantBoundConnection.wrap(app(), tenant)) {
      current = A;
      try (PreparedStatement ps =
          c.prepareStatement("UPDATE " + TABLE + " SET name = name WHERE id > ?")) {
        ps.setInt(1, 0);
        assertEquals(2, ps.executeUpdate(), "autocommit: prefixed, A's two rows");
      }
      try (Statement st = c.createStatement()) {
        assertEquals(2, st.executeUpdate("UPDATE " + TABLE + " SET name = name"));
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + TABLE)) {
          rs.next();
          assertEquals(2, rs.getInt(1));
        }
      }
    }
  }

  private static int count(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + TABLE);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static String appRole() {
    return System.getProperty("lectern.it.db.app.user");
  }

  private static Connection owner() throws SQLException {
    return DriverManager.getConnection(
        System.getProperty("lectern.it.db.url"),
        System.getProperty("lectern.it.db.user"),
        System.getProperty("lectern.it.db.password"));
  }

  private static Connection app() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", appRole());
    p.setProperty("password", System.getProperty("lectern.it.db.app.password"));
    p.setProperty("stringtype", "unspecified");
    return DriverManager.getConnection(System.getProperty("lectern.it.db.url"), p);
  }
}
