package org.lectern.content;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.approval.ApprovalSubject;
import org.lectern.audit.AuditState;
import org.lectern.audit.AuditSubject;
import org.lectern.tenancy.TenantEntityManager;

/** Stories as the audit trail and the approval workflow see them. */
@ApplicationScoped
public class StorySubject implements AuditSubject, ApprovalSubject {

  @Inject TenantEntityManager tem;
  @Inject AccessControl access;
  @Inject ContentContext context;

  @Override
  public String entityType() {
    return Story.RESOURCE;
  }

  /** Deleted stories included: a deletion is recorded as the change of {@code deletedAt}. */
  @Override
  public Optional<Map<String, Object>> snapshot(UUID id) {
    return Optional.ofNullable(tem.get().find(Story.class, id)).map(AuditState::of);
  }

  @Override
  public Optional<Target> target(UUID id) {
    Story story = tem.get().find(Story.class, id);
    if (story == null || story.isDeleted()) {
      return Optional.empty();
    }
    ContentContext.Place place = context.place(story.lessonId());
    if (place != null && place.hidden()) {
      return Optional.empty();
    }
    Map<String, Object> attributes = story.attributes(place);
    if (!access.can(Story.RESOURCE, "read", attributes)) {
      return Optional.empty();
    }
    return Optional.of(new Target(attributes, story.version(), story.createdBy()));
  }
}
