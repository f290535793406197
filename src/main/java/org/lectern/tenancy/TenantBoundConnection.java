package org.lectern.tenancy;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.UUID;
import org.postgresql.PGStatement;

/**
 * A connection that tells PostgreSQL which tenant its transaction acts for ({@link RowSecurity}),
 * without a round trip of its own: the setting is sent in front of the first statement, as one
 * query string {@code SELECT set_config('lectern.tenant_id', ?, true); <statement>}, which the
 * driver sends in one go and PostgreSQL runs in one transaction, and whose first result is skipped.
 *
 * <ul>
 *   <li>In autocommit (reads without a transaction) each statement is its own transaction, so each
 *       carries the setting.
 *   <li>In a transaction, the first statement carries it, and any later one whose tenant differs
 *       (provisioning fills the school it has just made). Work with no tenant of its own keeps what
 *       its transaction was bound to, so rows written in a school's scope are flushed into that
 *       school; with no binding yet it runs as the platform.
 *   <li>A transaction that starts with a write the driver might batch sends the setting alone
 *       first, since a batch cannot carry it. Nearly every transaction starts with a read.
 * </ul>
 *
 * <p>The setting is transaction-local ({@code is_local = true}): it ends with the transaction, so a
 * pooled connection never carries a tenant into the next one.
 */
final class TenantBoundConnection implements InvocationHandler {

  private static final String SET = "SELECT set_config('" + RowSecurity.SETTING + "', ?, true)";
  private static final String PREFIX = SET + "; ";

  /**
   * The prefix of statements sent outside a transaction: a query string of its own, so that pgjdbc,
   * which caches server-prepared statements per connection by their text, never hands such a
   * statement the server-prepared form of the same statement run often enough inside transactions
   * on this connection (a background worker reads that way); a server-prepared statement would be
   * described with a Sync of its own and lose the setting, and see no tenant's rows.
   */
  private static final String AUTOCOMMIT_PREFIX = SET + " AS autocommit; ";

  private final Connection connection;
  private final Tenant tenant;

  /** Where the wrapper learns the current tenant, and reports a statement it sent on its own. */
  interface Tenant {
    /** The tenant of the work on this thread, or null for none. */
    UUID current();

    /** Counts a statement the wrapper sent alone into the request's count. */
    void statementSent();
  }

  /** The tenant the current transaction has been bound to; null before its first statement. */
  private UUID bound;

  private TenantBoundConnection(Connection connection, Tenant tenant) {
    this.connection = connection;
    this.tenant = tenant;
  }

  static Connection wrap(Connection connection, Tenant tenant) {
    return proxy(Connection.class, new TenantBoundConnection(connection, tenant));
  }

  /** {@code handler} behind the interface {@code type}. */
  static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return type.cast(
        Proxy.newProxyInstance(
            TenantBoundConnection.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "prepareStatement":
        return prepare(method, args);
      case "createStatement":
        return PlainStatement.wrap((Statement) call(connection, method, args), this);
      case "commit":
      case "rollback":
      case "setAutoCommit":
      case "close":
        bound = null;
        return call(connection, method, args);
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      case "toString":
        return "TenantBoundConnection[" + connection + "]";
      default:
        return call(connection, method, args);
    }
  }

  private Object prepare(Method method, Object[] args) throws Throwable {
    UUID value = tenantToSend();
    if (value == null) {
      return call(connection, method, args);
    }
    String sql = (String) args[0];
    boolean plainVariant = args.length == 1 || (args.length == 3 && args[1] instanceof Integer);
    boolean autoCommit = connection.getAutoCommit();
    if (plainVariant && (autoCommit || isQuery(sql))) {
      Object[] prefixed = args.clone();
      prefixed[0] = (autoCommit ? AUTOCOMMIT_PREFIX : PREFIX) + sql;
      PreparedStatement ps = (PreparedStatement) call(connection, method, prefixed);
      if (autoCommit) {
        // Outside a transaction the setting lives only until the driver's next Sync. For a
        // server-prepared statement whose parameters the server must type, pgjdbc describes the
        // statement first, with a Sync of its own, between the setting and the statement; so
        // these statements stay unnamed: parsed each time, sent in one go.
        ps.unwrap(PGStatement.class).setPrepareThreshold(0);
      }
      return PrefixedStatement.wrap(ps, value.toString());
    }
    sendAlone(value);
    return call(connection, method, args);
  }

  /** The tenant the next statement must carry, or null when the transaction already has it. */
  UUID tenantToSend() throws SQLException {
    UUID wanted = tenant.current();
    if (connection.getAutoCommit()) {
      bound = null;
      return wanted == null ? RowSecurity.PLATFORM : wanted;
    }
    if (wanted == null) {
      if (bound != null) {
        return null;
      }
      wanted = RowSecurity.PLATFORM;
    } else if (wanted.equals(bound)) {
      return null;
    }
    bound = wanted;
    return wanted;
  }

  private void sendAlone(UUID value) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(SET)) {
      ps.setString(1, value.toString());
      ps.executeQuery().close();
    }
    tenant.statementSent();
  }

  private static boolean isQuery(String sql) {
    String s = sql.stripLeading();
    return s.regionMatches(true, 0, "SELECT", 0, 6) || s.regionMatches(true, 0, "WITH", 0, 4);
  }

  static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Runs a query string whose first result is the setting's, and moves past that result. */
  static boolean executeSkippingSetting(ExecuteCall call, Statement statement) throws Throwable {
    call.execute();
    return statement.getMoreResults();
  }

  @FunctionalInterface
  interface ExecuteCall {
    void execute() throws Throwable;
  }

  /**
   * A prepared statement whose SQL starts with the setting: parameter 1 is the tenant, so every
   * parameter index the caller names moves up by one, and executing skips the setting's result.
   */
  private static final class PrefixedStatement implements InvocationHandler {
    private final PreparedStatement statement;
    private final String tenant;

    private PrefixedStatement(PreparedStatement statement, String tenant) {
      this.statement = statement;
      this.tenant = tenant;
    }

    static PreparedStatement wrap(PreparedStatement statement, String tenant) throws SQLException {
      statement.setString(1, tenant);
      return proxy(PreparedStatement.class, new PrefixedStatement(statement, tenant));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      if (isParameterSetter(method)) {
        Object[] shifted = args.clone();
        shifted[0] = (Integer) args[0] + 1;
        return call(statement, method, shifted);
      }
      switch (name) {
        case "clearParameters":
          statement.clearParameters();
          statement.setString(1, tenant);
          return null;
        case "executeQuery":
          if (args == null) {
            if (!executeSkippingSetting(statement::execute, statement)) {
              throw new SQLException("No results were returned by the query.", "02000");
            }
            return statement.getResultSet();
          }
          throw notForPrepared(name);
        case "executeUpdate":
        case "executeLargeUpdate":
          if (args == null) {
            executeSkippingSetting(statement::execute, statement);
            return name.equals("executeUpdate")
                ? (Object) statement.getUpdateCount()
                : (Object) statement.getLargeUpdateCount();
          }
          throw notForPrepared(name);
        case "execute":
          if (args == null) {
            return executeSkippingSetting(statement::execute, statement);
          }
          throw notForPrepared(name);
        case "addBatch":
        case "executeBatch":
        case "executeLargeBatch":
          throw new SQLFeatureNotSupportedException(
              "a statement that carries the tenant setting cannot be batched");
        case "equals":
          return proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        default:
          return call(statement, method, args);
      }
    }

    private static boolean isParameterSetter(Method method) {
      Class<?> owner = method.getDeclaringClass();
      return (owner == PreparedStatement.class || owner == CallableStatement.class)
          && method.getName().startsWith("set")
          && method.getParameterCount() >= 2
          && method.getParameterTypes()[0] == int.class;
    }

    private static SQLException notForPrepared(String name) {
      return new SQLException(name + "(String) is not for a prepared statement");
    }
  }

  /**
   * A plain statement: SQL given at execution carries the setting the same way, written as a
   * literal (a UUID's text is safe to inline).
   */
  private static final class PlainStatement implements InvocationHandler {
    private final Statement statement;
    private final TenantBoundConnection connection;

    private PlainStatement(Statement statement, TenantBoundConnection connection) {
      this.statement = statement;
      this.connection = connection;
    }

    static Statement wrap(Statement statement, TenantBoundConnection connection) {
      return proxy(Statement.class, new PlainStatement(statement, connection));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      switch (name) {
        case "executeQuery":
        case "executeUpdate":
        case "executeLargeUpdate":
        case "execute":
          {
            UUID value = connection.tenantToSend();
            if (value == null) {
              return call(statement, method, args);
            }
            Object[] prefixed = args.clone();
            prefixed[0] =
                "SELECT set_config('"
                    + RowSecurity.SETTING
                    + "', '"
                    + value
                    + "', true); "
                    + args[0];
            boolean resultSet =
                executeSkippingSetting(() -> call(statement, execute(args), prefixed), statement);
            return switch (name) {
              case "executeQuery" -> {
                if (!resultSet) {
                  throw new SQLException("No results were returned by the query.", "02000");
                }
                yield statement.getResultSet();
              }
              case "executeUpdate" -> statement.getUpdateCount();
              case "executeLargeUpdate" -> statement.getLargeUpdateCount();
              default -> resultSet;
            };
          }
        case "addBatch":
        case "executeBatch":
        case "executeLargeBatch":
          throw new SQLFeatureNotSupportedException(
              "batches of plain statements are not used; prepare the statement instead");
        case "equals":
          return proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        default:
          return call(statement, method, args);
      }
    }

    /** Statement.execute with the same extra arguments as the call (generated keys and so on). */
    private static Method execute(Object[] args) throws NoSuchMethodException {
      Class<?>[] types = new Class<?>[args.length];
      types[0] = String.class;
      for (int i = 1; i < args.length; i++) {
        types[i] =
            args[i] instanceof Integer
                ? int.class
                : args[i] instanceof int[] ? int[].class : String[].class;
      }
      return Statement.class.getMethod("execute", types);
    }
  }
}
