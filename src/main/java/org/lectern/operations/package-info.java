/**
 * Running the service across schools: provisioning, suspending and reactivating tenants, and the
 * declarative tenant manifests applied at start. It spans access, identity and approval, so it sits
 * on top of them.
 */
package org.lectern.operations;
