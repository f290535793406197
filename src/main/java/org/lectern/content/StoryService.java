package org.lectern.content;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.approval.RequiresApproval;
import org.lectern.audit.AuditAction;
import org.lectern.audit.Audited;
import org.lectern.content.StoryDtos.StoryPatch;
import org.lectern.content.StoryDtos.StoryRequest;
import org.lectern.content.StoryDtos.StorySummary;
import org.lectern.content.StoryDtos.StoryView;
import org.lectern.identity.Caller;
import org.lectern.platform.Cursor;
import org.lectern.platform.ETags;
import org.lectern.platform.EntityId;
import org.lectern.platform.LecternException;
import org.lectern.platform.Page;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Story use cases. Who may do what is never decided here: every act asks {@link AccessControl} with
 * the story's attributes (students read published stories, teachers edit their own, admins
 * everything: all of it grants and tenant policies).
 */
@ApplicationScoped
@Transactional
public class StoryService {

  static final String RESOURCE = "story";
  static final int MAX_SCAN = 1000;

  /** Filters of the story list; null means any. */
  public record Filter(
      Story.Status status, Story.Difficulty difficulty, Story.StoryType storyType) {}

  @Inject TenantEntityManager tem;
  @Inject AccessControl access;
  @Inject Caller caller;

  @Audited(action = AuditAction.CREATE, entity = RESOURCE)
  public StoryView create(StoryRequest request) {
    if (caller.isPlatform()) {
      throw LecternException.forbidden(
          "Stories are written by a school's own people, not platform accounts.");
    }
    Story story = new Story(request.draft(), caller.id());
    access.require(RESOURCE, "create", story.attributes());
    changeStatus(story, request.status());
    tem.get().persist(story);
    tem.get().flush();
    return StoryView.of(story);
  }

  public StoryView get(UUID id) {
    return StoryView.of(visible(id));
  }

  /** PUT: replaces every editable field. */
  @Audited(action = AuditAction.UPDATE, entity = RESOURCE)
  public StoryView replace(@EntityId UUID id, StoryRequest request, Long ifMatch) {
    Story story = editable(id, ifMatch);
    story.edit(request.draft());
    changeStatus(story, request.status());
    tem.get().flush();
    return StoryView.of(story);
  }

  /** PATCH: changes only the fields given. */
  @Audited(action = AuditAction.UPDATE, entity = RESOURCE)
  public StoryView patch(@EntityId UUID id, StoryPatch patch, Long ifMatch) {
    Story story = editable(id, ifMatch);
    story.edit(patch.draft());
    changeStatus(story, patch.status());
    tem.get().flush();
    return StoryView.of(story);
  }

  /** Soft delete: the story disappears from every read; the row stays for restore. */
  @Audited(action = AuditAction.DELETE, entity = RESOURCE)
  public void delete(@EntityId UUID id) {
    Story story = visible(id);
    access.require(RESOURCE, "delete", story.attributes());
    story.softDelete();
  }

  /**
   * Brings a soft-deleted story back as it was. Only who may see it and holds {@code story:restore}
   * (admins, by default); anyone else gets 404, as for any story they cannot see.
   */
  @Audited(action = AuditAction.RESTORE, entity = RESOURCE)
  public StoryView restore(@EntityId UUID id) {
    Story story = tem.get().find(Story.class, id);
    if (story == null || !story.isDeleted()) {
      throw LecternException.notFound(RESOURCE);
    }
    access.requireVisible(RESOURCE, story.attributes());
    access.require(RESOURCE, "restore", story.attributes());
    story.restore();
    tem.get().flush();
    return StoryView.of(story);
  }

  /**
   * Publishes the story: it reaches the school's students. In a tenant whose rules put publishing
   * under approval, an author (or anyone who could not approve it) only asks: the call is recorded
   * as a pending approval and runs when someone else approves it.
   */
  @RequiresApproval(entity = RESOURCE, action = "publish")
  @Audited(action = AuditAction.PUBLISH, entity = RESOURCE)
  public StoryView publish(@EntityId UUID id) {
    Story story = visible(id);
    access.require(RESOURCE, "publish", story.attributes());
    story.changeStatus(Story.Status.published);
    tem.get().flush();
    return StoryView.of(story);
  }

  /**
   * Newest first, only what the caller may read. Rows are read in keyset batches and filtered by
   * the access rules; the cursor names the last row examined, which keeps paging exact even when
   * rows in between are hidden. One request examines at most {@value #MAX_SCAN} rows, so a caller
   * who may see few of many stories gets a short page with a cursor rather than a slow answer.
   */
  public Page<StorySummary> list(Filter filter, String cursor, int limit) {
    Cursor after = cursor == null ? null : Cursor.decode(cursor);
    int batch = Math.max(limit * 2, 50);
    List<StorySummary> items = new ArrayList<>();
    int scanned = 0;
    while (true) {
      List<Story> rows = batch(filter, after, batch);
      for (int i = 0; i < rows.size(); i++) {
        Story s = rows.get(i);
        after = new Cursor(s.createdAt(), s.id());
        scanned++;
        if (access.can(RESOURCE, "read", s.attributes())) {
          items.add(StorySummary.of(s));
        }
        boolean more = i < rows.size() - 1 || rows.size() == batch;
        if (items.size() == limit || (scanned >= MAX_SCAN && more)) {
          return new Page<>(items, more ? after.encode() : null);
        }
      }
      if (rows.size() < batch) {
        return new Page<>(items, null);
      }
    }
  }

  private List<Story> batch(Filter f, Cursor after, int size) {
    StringBuilder jpql = new StringBuilder("SELECT s FROM Story s WHERE s.deletedAt IS NULL");
    if (f.status() != null) {
      jpql.append(" AND s.status = :status");
    }
    if (f.difficulty() != null) {
      jpql.append(" AND s.difficulty = :difficulty");
    }
    if (f.storyType() != null) {
      jpql.append(" AND s.storyType = :storyType");
    }
    if (after != null) {
      jpql.append(" AND (s.createdAt < :at OR (s.createdAt = :at AND s.id < :id))");
    }
    jpql.append(" ORDER BY s.createdAt DESC, s.id DESC");
    TypedQuery<Story> q = tem.get().createQuery(jpql.toString(), Story.class);
    if (f.status() != null) {
      q.setParameter("status", f.status());
    }
    if (f.difficulty() != null) {
      q.setParameter("difficulty", f.difficulty());
    }
    if (f.storyType() != null) {
      q.setParameter("storyType", f.storyType());
    }
    if (after != null) {
      q.setParameter("at", after.createdAt()).setParameter("id", after.id());
    }
    return q.setMaxResults(size).getResultList();
  }

  private Story editable(UUID id, Long ifMatch) {
    Story story = visible(id);
    access.require(RESOURCE, "update", story.attributes());
    ETags.requireMatch(ifMatch, story.version());
    return story;
  }

  /**
   * Withdrawing (back to draft) and archiving are the publishing right, checked against the story
   * as it is now. Publishing itself goes through {@link #publish}, and its approval.
   */
  private void changeStatus(Story story, Story.Status requested) {
    if (requested == Story.Status.published && story.status() != Story.Status.published) {
      throw LecternException.invalid(
          "status",
          "a story is published with POST /api/stories/{id}/publish, which may need approval");
    }
    if (requested != null && requested != story.status()) {
      access.require(RESOURCE, "publish", story.attributes());
      story.changeStatus(requested);
    }
  }

  /** The story, if it exists, is not deleted, and the caller may read it; else 404. */
  private Story visible(UUID id) {
    Story story = tem.get().find(Story.class, id);
    if (story == null || story.isDeleted()) {
      throw LecternException.notFound(RESOURCE);
    }
    access.requireVisible(RESOURCE, story.attributes());
    return story;
  }
}
