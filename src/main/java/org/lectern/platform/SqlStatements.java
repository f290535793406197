package org.lectern.platform;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.persistence.queries.DatabaseQuery;
import org.eclipse.persistence.sessions.SessionProfiler;
import org.eclipse.persistence.sessions.SessionProfilerAdapter;

/**
 * Counts the SQL statements a request sends to PostgreSQL, for finding N+1 query patterns: with
 * {@code lectern.diagnostics.sql-count=true} every response carries {@code X-Sql-Statements}. The
 * counter is EclipseLink's profiler hook around each statement execution (persistence.xml), so
 * JPQL, native SQL and lazy loads all count; it costs a thread-local increment, so it is always on
 * and only the header is optional.
 */
public class SqlStatements extends SessionProfilerAdapter {

  private static final ThreadLocal<int[]> COUNT = ThreadLocal.withInitial(() -> new int[1]);

  @Override
  public void endOperationProfile(String operationName, DatabaseQuery query, int weight) {
    if (SessionProfiler.StatementExecute.equals(operationName)) {
      COUNT.get()[0]++;
    }
  }

  @Override
  public int getProfileWeight() {
    return SessionProfiler.ALL;
  }

  /** Statements executed on this thread since the last {@link #reset()}. */
  public static int count() {
    return COUNT.get()[0];
  }

  public static void reset() {
    COUNT.get()[0] = 0;
  }

  /** Resets the count when a request starts and reports it when it ends. */
  @Provider
  public static class Header implements ContainerRequestFilter, ContainerResponseFilter {

    private final boolean enabled =
        ConfigProvider.getConfig()
            .getOptionalValue("lectern.diagnostics.sql-count", Boolean.class)
            .orElse(false);

    @Override
    public void filter(ContainerRequestContext request) {
      reset();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
      if (enabled) {
        response.getHeaders().putSingle("X-Sql-Statements", count());
      }
    }
  }
}
