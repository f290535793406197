package org.lectern.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Direct SQL on the test run's database, as its superuser: for what a test must do behind the
 * application's back (tampering with the audit trail, forcing a commit to fail) or check in the
 * rows themselves.
 */
final class Db {

  private Db() {}

  static Connection connect() throws SQLException {
    return DriverManager.getConnection(
        System.getProperty("lectern.it.db.url"),
        System.getProperty("lectern.it.db.user"),
        System.getProperty("lectern.it.db.password"));
  }

  /** Runs statements in one transaction; returns the last one's update count. */
  static int execute(String... statements) throws SQLException {
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      int count = 0;
      for (String sql : statements) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          count = ps.executeUpdate();
        }
      }
      c.commit();
      return count;
    }
  }

  /** The first column of every row of a query, as text. */
  static List<String> column(String sql, Object... params) throws SQLException {
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      List<String> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    }
  }
}
