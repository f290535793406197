package org.lectern.ai;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;
import org.lectern.content.AssignableContent;
import org.lectern.content.AssignableContent.StoryText;
import org.lectern.identity.Accounts;
import org.lectern.identity.User;
import org.lectern.tenancy.Tenant;
import org.lectern.tenancy.Tenants;

/**
 * What the worker reads, each read in a transaction of its own: outside a request the worker has no
 * request-long persistence context to read in, so it never reads outside a transaction.
 */
@ApplicationScoped
class WorkerReads {

  @Inject Tenants tenants;
  @Inject Accounts accounts;
  @Inject AssignableContent content;

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  Optional<Tenant> tenant(UUID id) {
    return tenants.byId(id);
  }

  /** The user of the current school. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  Optional<User> user(UUID id) {
    return accounts.user(id);
  }

  /** A story's text as the current caller may see it. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  Optional<StoryText> storyText(UUID storyId, Integer version, Integer chunk) {
    return content.storyText(storyId, version, chunk);
  }
}
