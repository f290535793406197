package org.lectern.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.lectern.tenancy.TenantEntityManager;

/** Finders for users and platform accounts; callers own the transaction. */
@ApplicationScoped
public class Accounts {

  @Inject TenantEntityManager tem;

  /** A user of the current tenant by email, case-insensitively. */
  public Optional<User> userByEmail(String email) {
    List<User> found =
        tem.get()
            .createQuery("SELECT u FROM User u WHERE LOWER(u.email) = :e", User.class)
            .setParameter("e", email.trim().toLowerCase())
            .getResultList();
    return found.stream().findFirst();
  }

  public Optional<User> user(UUID id) {
    return Optional.ofNullable(tem.get().find(User.class, id));
  }

  /** Whether {@code id} is a user of the current tenant who may still sign in. */
  public boolean isActiveUser(UUID id) {
    return user(id).filter(User::isActive).isPresent();
  }

  /** These users of the current tenant, by id, in one query; unknown ids are left out. */
  public Map<UUID, User> users(Collection<UUID> ids) {
    Map<UUID, User> out = new HashMap<>();
    List<UUID> distinct = ids.stream().distinct().toList();
    if (!distinct.isEmpty()) {
      tem.get()
          .createQuery("SELECT u FROM User u WHERE u.id IN :ids", User.class)
          .setParameter("ids", distinct)
          .getResultList()
          .forEach(u -> out.put(u.id(), u));
    }
    return out;
  }

  public Optional<PlatformAccount> platformAccountByEmail(String email) {
    return tem
        .global()
        .createQuery(
            "SELECT a FROM PlatformAccount a WHERE LOWER(a.email) = :e", PlatformAccount.class)
        .setParameter("e", email.trim().toLowerCase())
        .getResultList()
        .stream()
        .findFirst();
  }

  public Optional<PlatformAccount> platformAccount(UUID id) {
    return Optional.ofNullable(tem.global().find(PlatformAccount.class, id));
  }

  public boolean anyPlatformAccount() {
    return !tem.global()
        .createQuery("SELECT a.id FROM PlatformAccount a", UUID.class)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }
}
