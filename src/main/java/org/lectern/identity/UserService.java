package org.lectern.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.access.AccessDtos.Permission;
import org.lectern.access.RoleService;
import org.lectern.audit.AuditAction;
import org.lectern.audit.Audited;
import org.lectern.identity.IdentityDtos.UserCreate;
import org.lectern.identity.IdentityDtos.UserUpdate;
import org.lectern.identity.IdentityDtos.UserView;
import org.lectern.platform.Cursor;
import org.lectern.platform.ETags;
import org.lectern.platform.EntityId;
import org.lectern.platform.LecternException;
import org.lectern.platform.Page;
import org.lectern.tenancy.TenantEntityManager;

/** A tenant's users, managed by its admins (and anyone the tenant's rules allow). */
@ApplicationScoped
@Transactional
public class UserService {

  @Inject TenantEntityManager tem;
  @Inject Accounts accounts;
  @Inject Passwords passwords;
  @Inject RoleService roles;
  @Inject AccessControl access;
  @Inject Event<LearnerZoneChanged> zoneChanged;

  @Audited(action = AuditAction.CREATE, entity = "user")
  public UserView create(UserCreate request) {
    access.require("user", "create");
    return insert(request);
  }

  /** Creates a user without an access check: tenant provisioning and manifests. */
  @Audited(action = AuditAction.CREATE, entity = "user")
  public UserView createUnchecked(UserCreate request) {
    return insert(request);
  }

  private UserView insert(UserCreate request) {
    Passwords.checkStrength("password", request.password());
    if (accounts.userByEmail(request.email()).isPresent()) {
      throw LecternException.conflict(
          "user.email-taken", "A user with this email exists in this school.");
    }
    User user =
        new User(request.email(), request.displayName(), passwords.hash(request.password()));
    user.updateProfile(
        new UserProfile(
            null,
            request.gradeLevel(),
            request.preferredLanguage(),
            request.readingLevel(),
            request.interests(),
            TimeZones.checked("timeZone", request.timeZone())));
    tem.get().persist(user);
    tem.get().flush();
    List<String> roleNames = request.roles() == null ? List.of() : request.roles();
    roles.assignRoles(user.id(), roleNames);
    return UserView.of(user, roles.roleNames(user.id()));
  }

  public Page<UserView> list(String cursor, int limit) {
    access.require("user", "read");
    String jpql = "SELECT u FROM User u";
    Cursor after = cursor == null ? null : Cursor.decode(cursor);
    if (after != null) {
      jpql += " WHERE u.createdAt < :at OR (u.createdAt = :at AND u.id < :id)";
    }
    TypedQuery<User> q =
        tem.get().createQuery(jpql + " ORDER BY u.createdAt DESC, u.id DESC", User.class);
    if (after != null) {
      q.setParameter("at", after.createdAt()).setParameter("id", after.id());
    }
    return Page.of(
        q.setMaxResults(limit + 1).getResultList(),
        limit,
        u -> new Cursor(u.createdAt(), u.id()),
        page -> {
          Map<UUID, List<String>> roleMap = roles.roleNames(page.stream().map(User::id).toList());
          return page.stream()
              .map(u -> UserView.of(u, roleMap.getOrDefault(u.id(), List.of())))
              .toList();
        });
  }

  public UserView get(UUID id) {
    access.require("user", "read");
    User user = find(id);
    return UserView.of(user, roles.roleNames(id));
  }

  @Audited(action = AuditAction.UPDATE, entity = "user")
  public UserView update(@EntityId UUID id, UserUpdate request, Long ifMatch) {
    access.require("user", "update");
    User user = find(id);
    ETags.requireMatch(ifMatch, user.version());
    String zoneBefore = user.timeZone();
    user.updateProfile(
        new UserProfile(
            request.displayName(),
            request.gradeLevel(),
            request.preferredLanguage(),
            request.readingLevel(),
            request.interests(),
            TimeZones.checked("timeZone", request.timeZone())));
    if (request.password() != null) {
      Passwords.checkStrength("password", request.password());
      user.changePasswordHash(passwords.hash(request.password()));
    }
    if (Boolean.FALSE.equals(request.active())) {
      user.deactivate();
    } else if (Boolean.TRUE.equals(request.active())) {
      user.reactivate();
    }
    tem.get().flush();
    if (!java.util.Objects.equals(zoneBefore, user.timeZone())) {
      zoneChanged.fire(new LearnerZoneChanged(user.id()));
    }
    return UserView.of(user, roles.roleNames(id));
  }

  /** Deactivates: the account's tokens stop working with the next request. Data is kept. */
  @Audited(action = AuditAction.DEACTIVATE, entity = "user")
  public void deactivate(@EntityId UUID id) {
    access.require("user", "delete");
    find(id).deactivate();
  }

  @Audited(action = AuditAction.ROLE_GRANTED, entity = "user")
  public UserView setRoles(@EntityId UUID id, List<String> roleNames) {
    access.require("user", "update");
    User user = find(id);
    roles.assignRoles(id, roleNames);
    return UserView.of(user, roles.roleNames(id));
  }

  @Audited(action = AuditAction.PERMISSION_GRANTED, entity = "user")
  public List<Permission> setPermissions(@EntityId UUID id, List<Permission> permissions) {
    access.require("user", "update");
    find(id);
    roles.setUserPermissions(id, permissions);
    return roles.userPermissions(id);
  }

  public List<Permission> permissions(UUID id) {
    access.require("user", "read");
    find(id);
    return roles.userPermissions(id);
  }

  private User find(UUID id) {
    return accounts.user(id).orElseThrow(() -> LecternException.notFound("user"));
  }
}
