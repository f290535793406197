package org.lectern.context;

import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.container.ContainerRequestContext;
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
 * JPQL, native SQL and lazy loads all count, into the {@link RequestContext} of the request that
 * sent them; it is always on and only the header is optional.
 */
public class SqlStatements extends SessionProfilerAdapter {

  /** The request context's client proxy: one object that always means the current request's. */
  private volatile RequestContext context;

  /**
   * EclipseLink prepares each statement it sends exactly once ({@code DatabaseAccessor
   * .basicExecuteCall}), so that is what is counted. {@code StatementExecute} is not: it also times
   * each statement's close, which counted every statement twice.
   */
  @Override
  public void startOperationProfile(String operationName, DatabaseQuery query, int weight) {
    if (SessionProfiler.SqlPrepare.equals(operationName)) {
      try {
        context().countStatement();
      } catch (ContextNotActiveException | IllegalStateException outsideRequest) {
        // Start-up work outside any request context: nobody to report to.
      }
    }
  }

  private RequestContext context() {
    RequestContext c = context;
    if (c == null) {
      c = CDI.current().select(RequestContext.class).get();
      context = c;
    }
    return c;
  }

  @Override
  public int getProfileWeight() {
    return SessionProfiler.ALL;
  }

  /** Reports the count when a request ends. */
  @Provider
  public static class Header implements ContainerResponseFilter {

    private final boolean enabled =
        ConfigProvider.getConfig()
            .getOptionalValue("lectern.diagnostics.sql-count", Boolean.class)
            .orElse(false);

    @jakarta.inject.Inject RequestContext context;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
      if (enabled) {
        response.getHeaders().putSingle("X-Sql-Statements", context.sqlStatements());
      }
    }
  }
}
