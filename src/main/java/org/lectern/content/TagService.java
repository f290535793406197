package org.lectern.content;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.audit.AuditAction;
import org.lectern.audit.Audited;
import org.lectern.platform.Cursors;
import org.lectern.platform.EntityId;
import org.lectern.platform.Ids;
import org.lectern.platform.LecternException;
import org.lectern.platform.Page;
import org.lectern.tenancy.TenantEntityManager;

/** The school's tags, and which stories carry them. */
@ApplicationScoped
@Transactional
public class TagService {

  static final String RESOURCE = "tag";

  /** POST and PATCH body. */
  public record TagRequest(
      @NotNull
          @Size(min = 1, max = 50)
          @Pattern(regexp = "^\\S(.*\\S)?$", message = "must not start or end with spaces")
          String name) {
    @JsonbCreator
    public TagRequest {}
  }

  /** A tag, with how many live stories carry it. */
  public record TagView(UUID id, String name, long stories) {}

  @Inject TenantEntityManager tem;
  @Inject AccessControl access;

  /** By name (case-insensitive); the cursor is the last name handed out. */
  public Page<TagView> list(String cursor, int limit) {
    access.require(RESOURCE, "read");
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        tem.sql(
                "SELECT g.id, g.name, (SELECT count(*) FROM story_tags st JOIN stories s"
                    + " ON s.tenant_id = st.tenant_id AND s.id = st.story_id"
                    + " WHERE st.tenant_id = g.tenant_id AND st.tag_id = g.id AND s.deleted_at IS NULL)"
                    + " FROM tags g WHERE g.tenant_id = ?1"
                    + (cursor == null ? "" : " AND lower(g.name) > lower(?2)")
                    + " ORDER BY lower(g.name) LIMIT "
                    + (limit + 1))
            .setParameter(2, cursor == null ? "" : decode(cursor))
            .getResultList();
    List<TagView> views =
        rows.stream()
            .map(r -> new TagView((UUID) r[0], (String) r[1], ((Number) r[2]).longValue()))
            .toList();
    List<TagView> page = views.subList(0, Math.min(limit, views.size()));
    String next = views.size() > limit ? Cursors.encode(page.get(page.size() - 1).name()) : null;
    return new Page<>(page, next);
  }

  @Audited(action = AuditAction.CREATE, entity = RESOURCE)
  public TagView create(TagRequest r) {
    access.require(RESOURCE, "create");
    Tag tag = new Tag(r.name());
    tem.get().persist(tag);
    tem.get().flush();
    return new TagView(tag.id(), tag.name(), 0);
  }

  @Audited(action = AuditAction.UPDATE, entity = RESOURCE)
  public TagView rename(@EntityId UUID id, TagRequest r) {
    access.require(RESOURCE, "manage");
    Tag tag = find(id);
    tag.rename(r.name());
    tem.get().flush();
    return new TagView(tag.id(), tag.name(), of(id));
  }

  /** Deletes the tag; the stories that carried it simply lose it. */
  @Audited(action = AuditAction.DELETE, entity = RESOURCE)
  public void delete(@EntityId UUID id) {
    access.require(RESOURCE, "manage");
    tem.get().remove(find(id));
  }

  /**
   * The tag names of these stories (one query), alphabetical. A read: it joins the caller's
   * transaction if there is one and starts none (a native query in a transaction of its own would
   * cost the request BEGIN and COMMIT).
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Map<UUID, List<String>> of(Collection<UUID> storyIds) {
    Map<UUID, List<String>> out = new HashMap<>();
    if (storyIds.isEmpty()) {
      return out;
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        tem.sql(
                "SELECT st.story_id, g.name FROM story_tags st JOIN tags g"
                    + " ON g.tenant_id = st.tenant_id AND g.id = st.tag_id"
                    + " WHERE st.tenant_id = ?1 AND st.story_id = ANY (?2::uuid[])"
                    + " ORDER BY lower(g.name)")
            .setParameter(2, Ids.sqlArray(storyIds))
            .getResultList();
    for (Object[] r : rows) {
      out.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add((String) r[1]);
    }
    return out;
  }

  /**
   * Gives the story exactly these tags (names matched regardless of case). Names the school does
   * not have yet are created when the caller may create tags, else the request is invalid.
   */
  void setForStory(UUID storyId, List<String> names) {
    Map<String, String> wanted = new LinkedHashMap<>();
    for (String n : names) {
      String name = n.strip();
      if (name.isEmpty() || name.length() > 50) {
        throw LecternException.invalid("tags", "tag names are 1 to 50 characters");
      }
      wanted.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
    }
    Map<String, UUID> existing = new HashMap<>();
    if (!wanted.isEmpty()) {
      tem.get()
          .createQuery("SELECT t FROM Tag t", Tag.class)
          .getResultList()
          .forEach(t -> existing.put(t.name().toLowerCase(Locale.ROOT), t.id()));
    }
    List<String> missing =
        wanted.keySet().stream().filter(k -> !existing.containsKey(k)).map(wanted::get).toList();
    if (!missing.isEmpty()) {
      if (!access.can(RESOURCE, "create", Map.of())) {
        throw LecternException.invalid(
            "tags", "the school has no tags named " + missing + ", and you may not create tags");
      }
      for (String name : missing) {
        Tag tag = new Tag(name);
        tem.get().persist(tag);
        existing.put(name.toLowerCase(Locale.ROOT), tag.id());
      }
      tem.get().flush();
    }
    tem.sql("DELETE FROM story_tags WHERE tenant_id = ?1 AND story_id = ?2")
        .setParameter(2, storyId)
        .executeUpdate();
    for (String key : wanted.keySet()) {
      tem.sql("INSERT INTO story_tags (tenant_id, story_id, tag_id) VALUES (?1, ?2, ?3)")
          .setParameter(2, storyId)
          .setParameter(3, existing.get(key))
          .executeUpdate();
    }
  }

  private long of(UUID tagId) {
    return ((Number)
            tem.sql("SELECT count(*) FROM story_tags WHERE tenant_id = ?1 AND tag_id = ?2")
                .setParameter(2, tagId)
                .getSingleResult())
        .longValue();
  }

  private Tag find(UUID id) {
    Tag tag = tem.get().find(Tag.class, id);
    if (tag == null) {
      throw LecternException.notFound(RESOURCE);
    }
    return tag;
  }

  private static String decode(String cursor) {
    return Cursors.decode(cursor, Cursors.Keys::text);
  }
}
