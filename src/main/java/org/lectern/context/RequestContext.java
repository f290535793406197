package org.lectern.context;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.lectern.platform.LecternException;

/**
 * The one place that says who the current request acts as, in which tenant, under which request id
 * and from which address, and which version of the tenant's access rules it sees.
 *
 * <p>A request's context is {@linkplain #establish set} once, by the filter that has verified the
 * token; a second attempt is a bug and fails. Everything else only reads it. Work that must act in
 * a tenant without a request for it (sign-in, provisioning, tenant manifests at start) does so
 * inside {@link #runAs}, a scope that ends with the work: nothing it sets outlives it.
 */
@RequestScoped
public class RequestContext {

  /** Who acts in which tenant: the request's own, or a {@link #runAs} scope's. */
  private record Scope(Caller caller, UUID tenantId, Long policyVersion) {}

  private static final Scope NONE = new Scope(Caller.NOBODY, null, null);

  private boolean established;
  private String requestId;
  private String clientAddress;
  private Scope scope = NONE;
  private int sqlStatements;

  /**
   * Fixes the request's context: once per request, by the filter that verified the caller. A public
   * request without a token is established with {@link Caller#NOBODY} and no tenant.
   */
  public void establish(
      String requestId, String clientAddress, Caller caller, UUID tenantId, Long policyVersion) {
    if (established) {
      throw new IllegalStateException("the request context is set once per request");
    }
    established = true;
    this.requestId = requestId;
    this.clientAddress = clientAddress;
    this.scope = new Scope(caller, tenantId, tenantId == null ? null : policyVersion);
  }

  /**
   * Runs {@code work} in {@code tenantId}, whose access rules are at {@code policyVersion}, as the
   * current caller; the request's own tenant (if any) is back when it returns. For provisioning and
   * manifests, which create or name the tenant they then fill.
   */
  public <T> T runAs(UUID tenantId, long policyVersion, Supplier<T> work) {
    return runAs(tenantId, policyVersion, scope.caller(), work);
  }

  /** {@link #runAs(UUID, long, Supplier)} as {@code caller}: a sign-in acting as who signed in. */
  public <T> T runAs(UUID tenantId, long policyVersion, Caller caller, Supplier<T> work) {
    Scope previous = scope;
    scope = new Scope(caller, tenantId, policyVersion);
    try {
      return work.get();
    } finally {
      scope = previous;
    }
  }

  /**
   * Runs {@code work} with {@code tenantId}'s rows in sight before the request's context is set:
   * for resolving the caller of a token issued in that tenant, the read that yields the tenant's
   * policy version (so there is none here) and the caller. Row-level security lets a statement see
   * only the current tenant's rows, so even that first read must name it.
   */
  public <T> T resolving(UUID tenantId, Supplier<T> work) {
    Scope previous = scope;
    scope = new Scope(Caller.NOBODY, tenantId, null);
    try {
      return work.get();
    } finally {
      scope = previous;
    }
  }

  /** {@link #runAs(UUID, long, Supplier)} for work without a result. */
  public void runAs(UUID tenantId, long policyVersion, Runnable work) {
    runAs(
        tenantId,
        policyVersion,
        () -> {
          work.run();
          return null;
        });
  }

  public Caller caller() {
    return scope.caller();
  }

  /** The tenant the request acts in, if it acts in one. */
  public Optional<UUID> tenantId() {
    return Optional.ofNullable(scope.tenantId());
  }

  /**
   * The tenant, for tenant-scoped work; a caller without one (a platform account that named none)
   * gets 404, so tenant data is never answered from nowhere.
   */
  public UUID tenant() {
    UUID tenantId = scope.tenantId();
    if (tenantId == null) {
      throw new LecternException(
          404,
          "tenant.not-selected",
          "This is tenant data: platform accounts name the tenant with the X-Tenant-Id header.");
    }
    return tenantId;
  }

  /** The tenant's access-policy version as read when the tenant was fixed. */
  public long policyVersion() {
    tenant();
    Long version = scope.policyVersion();
    if (version == null) {
      throw new IllegalStateException("the tenant's policy version is not known yet");
    }
    return version;
  }

  /** The request's id; null for work the application does outside any request. */
  public String requestId() {
    return requestId;
  }

  /** Whether an HTTP request is being served (else: the application's own work, at start). */
  public boolean isRequest() {
    return requestId != null;
  }

  /** The client's address, or null outside a request or when it is not trustworthy. */
  public String clientAddress() {
    return clientAddress;
  }

  /** SQL statements sent on behalf of this request so far ({@link SqlStatements}). */
  public int sqlStatements() {
    return sqlStatements;
  }

  public void countStatement() {
    sqlStatements++;
  }
}
