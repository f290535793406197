package org.lectern.tenancy;

import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.spi.CDI;
import java.sql.Connection;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.Connector;
import org.eclipse.persistence.sessions.DatasourceLogin;
import org.eclipse.persistence.sessions.Login;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.server.ConnectionPool;
import org.eclipse.persistence.sessions.server.ServerSession;
import org.lectern.context.RequestContext;

/**
 * PostgreSQL row-level security as the second wall behind EclipseLink's tenant discriminator. Every
 * tenant-scoped table has a policy that shows and accepts only the rows of the tenant named by the
 * transaction-local setting {@value #SETTING} (migration V13), and the application connects as a
 * role that owns no table, so it cannot switch the policies off.
 *
 * <p>This customizer wraps every connection EclipseLink takes ({@link TenantBoundConnection}) so
 * the setting travels with the transaction's first statement, at no round trip of its own. The
 * tenant is the request context's; work with no tenant (a platform request, start-up) runs as the
 * {@linkplain #PLATFORM platform}, which owns no tenant's rows.
 */
public class RowSecurity implements SessionCustomizer {

  /** The transaction-local setting the policies read (through the SQL function lectern_tenant). */
  public static final String SETTING = "lectern.tenant_id";

  /**
   * The platform's own "tenant": the audit trail's platform chain lives under it, and no school can
   * have it, so work outside any school sees no school's rows.
   */
  public static final UUID PLATFORM = new UUID(0, 0);

  /**
   * Wraps the connector of the session's login and of every connection pool: the server session
   * made its read pool (reads outside a transaction) with its own copy of the login before this
   * runs.
   */
  @Override
  public void customize(Session session) {
    CurrentTenant tenant = new CurrentTenant();
    bind(session.getDatasourceLogin(), tenant);
    if (session instanceof ServerSession server) {
      bind(server.getReadConnectionPool().getLogin(), tenant);
      for (ConnectionPool pool : server.getConnectionPools().values()) {
        bind(pool.getLogin(), tenant);
      }
    }
  }

  private static void bind(Login login, CurrentTenant tenant) {
    if (login instanceof DatasourceLogin datasource
        && !(datasource.getConnector() instanceof TenantConnector)) {
      datasource.setConnector(new TenantConnector(datasource.getConnector(), tenant));
    }
  }

  /** Hands out EclipseLink's connections bound to the current tenant. */
  static final class TenantConnector implements Connector {
    private static final long serialVersionUID = 1L;

    private Connector delegate;
    private final transient CurrentTenant tenant;

    TenantConnector(Connector delegate, CurrentTenant tenant) {
      this.delegate = delegate;
      this.tenant = tenant;
    }

    @Override
    public Connection connect(Properties properties, Session session) {
      return TenantBoundConnection.wrap(delegate.connect(properties, session), tenant);
    }

    @Override
    public Object clone() {
      try {
        TenantConnector copy = (TenantConnector) super.clone();
        copy.delegate = (Connector) delegate.clone();
        return copy;
      } catch (CloneNotSupportedException e) {
        throw new AssertionError(e);
      }
    }

    @Override
    public String getConnectionDetails() {
      return delegate.getConnectionDetails();
    }

    @Override
    public void toString(java.io.PrintWriter writer) {
      delegate.toString(writer);
    }
  }

  /**
   * The tenant of the work running on this thread: the request context's, through its client proxy
   * (looked up once), or none outside any request context.
   */
  static final class CurrentTenant implements TenantBoundConnection.Tenant {
    private volatile RequestContext context;

    @Override
    public UUID current() {
      try {
        return context().tenantId().orElse(null);
      } catch (ContextNotActiveException outsideRequest) {
        return null;
      }
    }

    @Override
    public void statementSent() {
      try {
        context().countStatement();
      } catch (ContextNotActiveException outsideRequest) {
        // start-up work: nobody counts
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
  }
}
