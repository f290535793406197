/**
 * The request context: who calls, in which tenant, under which request id, from which address and
 * with which version of the tenant's access rules. Set once per request by one filter; work outside
 * a request (sign-in, provisioning, manifests) enters a tenant only through {@link
 * org.lectern.context.RequestContext#runAs}.
 */
package org.lectern.context;
