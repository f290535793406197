package org.lectern.community;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.audit.AuditAction;
import org.lectern.audit.Audited;
import org.lectern.classroom.ClassroomRosters;
import org.lectern.community.CommunityDtos.MentionView;
import org.lectern.community.CommunityDtos.PostPatch;
import org.lectern.community.CommunityDtos.PostRequest;
import org.lectern.community.CommunityDtos.PostView;
import org.lectern.context.RequestContext;
import org.lectern.identity.Accounts;
import org.lectern.identity.User;
import org.lectern.platform.Cursors;
import org.lectern.platform.ETags;
import org.lectern.platform.EntityId;
import org.lectern.platform.Page;
import org.lectern.platform.SqlValues;
import org.lectern.tenancy.TenantEntityManager;

/**
 * The posts of a discussion: written and replied to by whoever sees it and holds {@code
 * discussion:post}, edited by their author within {@link EditWindow}, deleted softly by their
 * author, hidden and pinned by its moderators; read in thread order, pinned threads first. Who a
 * post mentions is resolved against the classroom's members when it is written ({@link Mentions}).
 */
@ApplicationScoped
@Transactional
public class PostService {

  static final String RESOURCE = DiscussionPost.RESOURCE;

  @Inject TenantEntityManager tem;
  @Inject AccessControl access;
  @Inject ClassroomRosters rosters;
  @Inject Accounts accounts;
  @Inject RequestContext context;
  @Inject Clubs clubs;

  /**
   * A post, or a reply to one of the discussion's posts that is not deleted: 409 {@code
   * discussion.locked} once the discussion is locked (also when the lock lands while this post is
   * being written), {@code classroom.archived} in an archived classroom.
   */
  @Audited(action = AuditAction.CREATE, entity = RESOURCE)
  public PostView create(UUID discussionId, PostRequest r) {
    access.requireSchoolMember("Book clubs are written in by a school's own people.");
    Clubs.Seen s = clubs.visible(discussionId);
    access.require(Discussion.RESOURCE, "post");
    s.discussion().requireOpen();
    Clubs.requireActive(s.standing());
    DiscussionPost parent = null;
    if (r.parentId() != null) {
      parent = clubs.post(discussionId, r.parentId());
      parent.requireNotDeleted();
    }
    DiscussionPost p =
        new DiscussionPost(discussionId, parent, me(), r.body(), mentioned(s, r.body()));
    // Counted by the statement that refuses a locked discussion, under the discussion's row lock:
    // a lock that commits while this post is written wins, and no post slips in after it.
    int counted =
        tem.sql(
                "UPDATE discussions SET post_count = post_count + 1, last_post_at = ?3"
                    + " WHERE tenant_id = ?1 AND id = ?2 AND locked_at IS NULL")
            .setParameter(2, discussionId)
            .setParameter(3, Timestamp.from(p.createdAt()))
            .executeUpdate();
    if (counted == 0) {
      throw Discussion.locked();
    }
    tem.get().persist(p);
    tem.get().flush();
    return view(PostRow.of(p), clubs.moderates(s));
  }

  /**
   * The discussion's posts in thread order: each top-level post followed by its replies, depth
   * first, each level oldest first; pinned top-level posts (with their replies) before the rest.
   * Five statements however long the page: the caller, the discussion, its classroom, the page, the
   * names of its authors and of whom it mentions.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<PostView> list(UUID discussionId, String cursor, int limit) {
    Clubs.Seen s = clubs.visible(discussionId);
    Object[] after =
        cursor == null
            ? null
            : Cursors.decode(
                cursor, k -> new Object[] {DiscussionService.flag(k.intValue()), path(k.text())});
    StringBuilder sql =
        new StringBuilder(
            "SELECT p.id, p.parent_id, cardinality(p.path) - 1, p.author_id, p.body,"
                + " array_to_string(p.mentions, ','),"
                + " p.pinned_at IS NOT NULL, p.hidden_at IS NOT NULL, p.deleted_at IS NOT NULL,"
                + " p.created_at, p.edited_at, p.version, r.pinned_at IS NULL,"
                + " array_to_string(p.path, ',')"
                + " FROM discussion_posts p JOIN discussion_posts r"
                + " ON r.tenant_id = p.tenant_id AND r.id = p.path[1]"
                + " WHERE p.tenant_id = ?1 AND p.discussion_id = ?2");
    if (after != null) {
      sql.append(" AND ((r.pinned_at IS NULL), p.path) > (?3, CAST(?4 AS uuid[]))");
    }
    sql.append(" ORDER BY (r.pinned_at IS NULL), p.path LIMIT ").append(limit + 1);
    Query q = tem.sql(sql.toString()).setParameter(2, discussionId);
    if (after != null) {
      q.setParameter(3, after[0]).setParameter(4, after[1]);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = q.getResultList();
    List<Object[]> page = rows.subList(0, Math.min(limit, rows.size()));
    List<PostRow> posts = new ArrayList<>();
    for (Object[] r : page) {
      posts.add(
          new PostRow(
              (UUID) r[0],
              discussionId,
              (UUID) r[1],
              ((Number) r[2]).intValue(),
              (UUID) r[3],
              (String) r[4],
              uuids(r[5]),
              (Boolean) r[6],
              (Boolean) r[7],
              (Boolean) r[8],
              SqlValues.instant(r[9]),
              SqlValues.instant(r[10]),
              ((Number) r[11]).longValue()));
    }
    boolean moderator = clubs.moderates(s);
    Map<UUID, String> names = names(posts, moderator);
    List<PostView> items = posts.stream().map(p -> p.view(moderator, names)).toList();
    String next = null;
    if (rows.size() > limit) {
      Object[] last = page.get(page.size() - 1);
      next = Cursors.encode((Boolean) last[12] ? 1 : 0, (String) last[13]);
    }
    return new Page<>(items, next);
  }

  /** One post: five statements (the caller, the discussion, its classroom, the post, names). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public PostView get(UUID discussionId, UUID postId) {
    Clubs.Seen s = clubs.visible(discussionId);
    return view(PostRow.of(clubs.post(discussionId, postId)), clubs.moderates(s));
  }

  /**
   * Its author replaces a post's text within {@link EditWindow}: 403 for anyone else; 409 {@code
   * post.edit-window-closed}, {@code post.deleted}, {@code post.hidden} or {@code
   * discussion.locked}; 412 on a stale {@code If-Match}. Who it mentions is resolved again.
   */
  @Audited(action = AuditAction.UPDATE, entity = RESOURCE)
  public PostView edit(UUID discussionId, @EntityId UUID postId, PostPatch r, Long ifMatch) {
    access.requireSchoolMember("Book clubs are written in by a school's own people.");
    Clubs.Seen s = clubs.visible(discussionId);
    access.require(Discussion.RESOURCE, "post");
    DiscussionPost p = clubs.post(discussionId, postId);
    Instant now = Instant.now();
    p.requireEditableBy(me(), now);
    s.discussion().requireOpen();
    ETags.requireMatch(ifMatch, p.version());
    p.edit(me(), r.body(), mentioned(s, r.body()), now);
    tem.get().flush();
    return view(PostRow.of(p), clubs.moderates(s));
  }

  /**
   * Its author deletes a post, softly: it stays in the thread (its replies with it), its text gone
   * for every reader; the audit trail keeps what it said. 403 for anyone else (moderators hide).
   */
  @Audited(action = AuditAction.DELETE, entity = RESOURCE)
  public void delete(UUID discussionId, @EntityId UUID postId) {
    access.requireSchoolMember("Book clubs are written in by a school's own people.");
    clubs.visible(discussionId);
    clubs.post(discussionId, postId).delete(me());
  }

  /** A moderator hides a post: its text then shows to moderators only. */
  @Audited(action = AuditAction.UPDATE, entity = RESOURCE)
  public PostView hide(UUID discussionId, @EntityId UUID postId) {
    DiscussionPost p = moderated(discussionId, postId);
    p.hide(me());
    return saved(p);
  }

  @Audited(action = AuditAction.UPDATE, entity = RESOURCE)
  public PostView unhide(UUID discussionId, @EntityId UUID postId) {
    DiscussionPost p = moderated(discussionId, postId);
    p.unhide();
    return saved(p);
  }

  /** A moderator pins a top-level post: it and its replies come first in the thread. */
  @Audited(action = AuditAction.UPDATE, entity = RESOURCE)
  public PostView pin(UUID discussionId, @EntityId UUID postId) {
    DiscussionPost p = moderated(discussionId, postId);
    p.pin(me());
    return saved(p);
  }

  @Audited(action = AuditAction.UPDATE, entity = RESOURCE)
  public PostView unpin(UUID discussionId, @EntityId UUID postId) {
    DiscussionPost p = moderated(discussionId, postId);
    p.unpin();
    return saved(p);
  }

  // ---------------------------------------------------------------- helpers

  private DiscussionPost moderated(UUID discussionId, UUID postId) {
    access.requireSchoolMember("Book clubs are moderated by a school's own people.");
    Clubs.Seen s = clubs.visible(discussionId);
    DiscussionPost p = clubs.post(discussionId, postId);
    clubs.requireModerator(s);
    return p;
  }

  private PostView saved(DiscussionPost p) {
    tem.get().flush();
    return view(PostRow.of(p), true);
  }

  /** Who of the classroom's members the text mentions; the members are read only if it has an @. */
  private List<UUID> mentioned(Clubs.Seen s, String body) {
    if (!Mentions.any(body)) {
      return List.of();
    }
    return Mentions.resolve(body, rosters.members(s.discussion().classroomId()));
  }

  private PostView view(PostRow p, boolean moderator) {
    return p.view(moderator, names(List.of(p), moderator));
  }

  /** The display names of the posts' authors and of whom they visibly mention: one statement. */
  private Map<UUID, String> names(List<PostRow> posts, boolean moderator) {
    Set<UUID> ids = new LinkedHashSet<>();
    for (PostRow p : posts) {
      ids.add(p.authorId());
      if (p.textShown(moderator)) {
        ids.addAll(p.mentions());
      }
    }
    Map<UUID, String> names = new HashMap<>();
    for (Map.Entry<UUID, User> e : accounts.users(ids).entrySet()) {
      names.put(e.getKey(), e.getValue().displayName());
    }
    return names;
  }

  /** A cursor's thread position: the ids of a path, at most as many as a thread is deep. */
  private static String path(String text) {
    List<String> ids = Arrays.asList(text.split(",", -1));
    if (ids.size() > DiscussionPost.MAX_DEPTH + 1) {
      throw new IllegalArgumentException("too deep");
    }
    for (String id : ids) {
      if (!UUID.fromString(id).toString().equals(id)) {
        throw new IllegalArgumentException("not a UUID");
      }
    }
    return "{" + text + "}";
  }

  /** Ids written by {@code array_to_string(..., ',')}. */
  private static List<UUID> uuids(Object text) {
    String s = (String) text;
    return s == null || s.isEmpty()
        ? List.of()
        : Arrays.stream(s.split(",")).map(UUID::fromString).toList();
  }

  private UUID me() {
    return context.caller().id();
  }

  /** A post's stored state, from the entity or a list row, and how a reader sees it. */
  record PostRow(
      UUID id,
      UUID discussionId,
      UUID parentId,
      int depth,
      UUID authorId,
      String body,
      List<UUID> mentions,
      boolean pinned,
      boolean hidden,
      boolean deleted,
      Instant createdAt,
      Instant editedAt,
      long version) {

    static PostRow of(DiscussionPost p) {
      return new PostRow(
          p.id(),
          p.discussionId(),
          p.parentId(),
          p.depth(),
          p.authorId(),
          p.body(),
          p.mentions(),
          p.isPinned(),
          p.isHidden(),
          p.isDeleted(),
          p.createdAt(),
          p.editedAt(),
          p.version());
    }

    /** A deleted post's text is gone for everyone; a hidden one's shows to moderators only. */
    boolean textShown(boolean moderator) {
      return !deleted && (!hidden || moderator);
    }

    PostView view(boolean moderator, Map<UUID, String> names) {
      boolean shown = textShown(moderator);
      List<MentionView> mentionViews =
          shown
              ? mentions.stream()
                  .filter(names::containsKey)
                  .map(id -> new MentionView(id, names.get(id)))
                  .toList()
              : List.of();
      return new PostView(
          id,
          discussionId,
          parentId,
          depth,
          authorId,
          names.get(authorId),
          shown ? body : null,
          mentionViews,
          pinned,
          hidden,
          deleted,
          createdAt,
          editedAt,
          EditWindow.closesAt(createdAt),
          version);
    }
  }
}
