package org.lectern.community;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.audit.AuditAction;
import org.lectern.audit.Audited;
import org.lectern.classroom.ClassroomRosters;
import org.lectern.classroom.ClassroomRosters.Standing;
import org.lectern.community.CommunityDtos.DiscussionRequest;
import org.lectern.community.CommunityDtos.DiscussionView;
import org.lectern.content.AssignableContent;
import org.lectern.context.RequestContext;
import org.lectern.platform.Cursors;
import org.lectern.platform.EntityId;
import org.lectern.platform.Ids;
import org.lectern.platform.LecternException;
import org.lectern.platform.Page;
import org.lectern.platform.SqlValues;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Book club discussions: started in a classroom about a story the starter may read, listed for
 * whoever sees the classroom (pinned first, then newest), locked and pinned by its moderators. See
 * {@link Clubs} for who sees and who moderates.
 */
@ApplicationScoped
@Transactional
public class DiscussionService {

  static final String RESOURCE = Discussion.RESOURCE;

  @Inject TenantEntityManager tem;
  @Inject AccessControl access;
  @Inject ClassroomRosters rosters;
  @Inject AssignableContent content;
  @Inject RequestContext context;
  @Inject Clubs clubs;

  /**
   * Starts a discussion: in a classroom the caller sees (else 404) and that is not archived (409),
   * with {@code discussion:create} (403), about a story the caller may read (else 404).
   */
  @Audited(action = AuditAction.CREATE, entity = RESOURCE)
  public DiscussionView create(DiscussionRequest r) {
    access.requireSchoolMember("Book clubs are run by a school's own people.");
    Standing s =
        rosters.standing(r.classroomId()).orElseThrow(() -> LecternException.notFound("classroom"));
    access.require(RESOURCE, "create");
    Clubs.requireActive(s);
    if (content.readableTitle("story", r.storyId()).isEmpty()) {
      throw LecternException.notFound("story");
    }
    Discussion d = new Discussion(s.classroomId(), r.storyId(), r.title(), r.prompt(), me());
    tem.get().persist(d);
    tem.get().flush();
    return DiscussionView.of(d);
  }

  /**
   * The discussions of the classrooms the caller sees (or of one of them), optionally of one story:
   * pinned first, then newest first. Three statements: the caller, the classrooms (or the one
   * classroom), one page. A classroom the caller does not see has no discussions for them.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<DiscussionView> list(UUID classroomId, UUID storyId, String cursor, int limit) {
    access.require(RESOURCE, "read");
    Object[] after =
        cursor == null
            ? null
            : Cursors.decode(cursor, k -> new Object[] {flag(k.intValue()), k.instant(), k.uuid()});
    List<UUID> classrooms =
        classroomId == null
            ? rosters.visibleIds()
            : rosters.standing(classroomId).map(s -> List.of(s.classroomId())).orElse(List.of());
    if (classrooms.isEmpty()) {
      return new Page<>(List.of(), null);
    }
    StringBuilder sql =
        new StringBuilder(
            "SELECT id, classroom_id, story_id, title, prompt, created_by, created_at,"
                + " locked_at IS NOT NULL, pinned_at IS NOT NULL, post_count, last_post_at"
                + " FROM discussions WHERE tenant_id = ?1"
                + " AND classroom_id = ANY (CAST(?2 AS uuid[]))");
    List<Object> params = new ArrayList<>();
    params.add(Ids.sqlArray(classrooms));
    if (storyId != null) {
      params.add(storyId);
      sql.append(" AND story_id = ?").append(params.size() + 1);
    }
    if (after != null) {
      params.add(after[0]);
      params.add(Timestamp.from((java.time.Instant) after[1]));
      params.add(after[2]);
      int n = params.size() + 1;
      sql.append(" AND ((pinned_at IS NOT NULL), created_at, id) < (?")
          .append(n - 2)
          .append(", ?")
          .append(n - 1)
          .append(", ?")
          .append(n)
          .append(")");
    }
    sql.append(" ORDER BY (pinned_at IS NOT NULL) DESC, created_at DESC, id DESC LIMIT ")
        .append(limit + 1);
    Query q = tem.sql(sql.toString());
    for (int i = 0; i < params.size(); i++) {
      q.setParameter(i + 2, params.get(i));
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = q.getResultList();
    List<DiscussionView> items = new ArrayList<>();
    for (Object[] r : rows.subList(0, Math.min(limit, rows.size()))) {
      items.add(
          new DiscussionView(
              (UUID) r[0],
              (UUID) r[1],
              (UUID) r[2],
              (String) r[3],
              (String) r[4],
              (UUID) r[5],
              SqlValues.instant(r[6]),
              (Boolean) r[7],
              (Boolean) r[8],
              ((Number) r[9]).intValue(),
              SqlValues.instant(r[10])));
    }
    String next = null;
    if (rows.size() > limit) {
      DiscussionView last = items.get(items.size() - 1);
      next = Cursors.encode(last.pinned() ? 1 : 0, last.createdAt(), last.id());
    }
    return new Page<>(items, next);
  }

  /** One discussion: three statements (the caller, the discussion, its classroom). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public DiscussionView get(UUID id) {
    return DiscussionView.of(clubs.visible(id).discussion());
  }

  /** No new posts and no edits until unlocked: for moderators (403). Locking twice is a no-op. */
  @Audited(action = AuditAction.UPDATE, entity = RESOURCE)
  public DiscussionView lock(@EntityId UUID id) {
    Discussion d = moderated(id);
    d.lock(me());
    return saved(d);
  }

  @Audited(action = AuditAction.UPDATE, entity = RESOURCE)
  public DiscussionView unlock(@EntityId UUID id) {
    Discussion d = moderated(id);
    d.unlock();
    return saved(d);
  }

  /** First in the classroom's list: for moderators (403). */
  @Audited(action = AuditAction.UPDATE, entity = RESOURCE)
  public DiscussionView pin(@EntityId UUID id) {
    Discussion d = moderated(id);
    d.pin(me());
    return saved(d);
  }

  @Audited(action = AuditAction.UPDATE, entity = RESOURCE)
  public DiscussionView unpin(@EntityId UUID id) {
    Discussion d = moderated(id);
    d.unpin();
    return saved(d);
  }

  private Discussion moderated(UUID id) {
    access.requireSchoolMember("Book clubs are moderated by a school's own people.");
    Clubs.Seen s = clubs.visible(id);
    clubs.requireModerator(s);
    return s.discussion();
  }

  private DiscussionView saved(Discussion d) {
    tem.get().flush();
    return DiscussionView.of(d);
  }

  /** A cursor's 0/1 flag; anything else was not handed out (400 through {@link Cursors}). */
  static boolean flag(int bit) {
    if (bit != 0 && bit != 1) {
      throw new IllegalArgumentException("not a flag");
    }
    return bit == 1;
  }

  private UUID me() {
    return context.caller().id();
  }
}
