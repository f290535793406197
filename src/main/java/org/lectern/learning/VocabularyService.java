package org.lectern.learning;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.lectern.access.AccessControl;
import org.lectern.audit.AuditAction;
import org.lectern.audit.Audited;
import org.lectern.content.AssignableContent;
import org.lectern.context.RequestContext;
import org.lectern.learning.VocabularyDtos.CollectRequest;
import org.lectern.learning.VocabularyDtos.DraftWord;
import org.lectern.learning.VocabularyDtos.ReviewRequest;
import org.lectern.learning.VocabularyDtos.StoryWordRequest;
import org.lectern.learning.VocabularyDtos.StoryWordView;
import org.lectern.learning.VocabularyDtos.WordView;
import org.lectern.platform.Cursors;
import org.lectern.platform.EntityId;
import org.lectern.platform.LecternException;
import org.lectern.platform.Page;
import org.lectern.tenancy.TenantEntityManager;

/**
 * Vocabulary: a story's word list, kept by whoever may edit the story and read by whoever may read
 * it; and each student's own words with their SM-2 reviews. A student's words are theirs alone:
 * every query names the caller, and another user's word is 404.
 */
@ApplicationScoped
@Transactional
public class VocabularyService {

  static final String RESOURCE = "vocabulary";
  static final String STORY_WORD = "story-vocabulary";

  /** Whether a collect made the word now (201) or found it collected before (200). */
  public record Collected(WordView word, boolean created) {}

  @Inject TenantEntityManager tem;
  @Inject AccessControl access;
  @Inject AssignableContent content;
  @Inject RequestContext context;

  // ---------------------------------------------------------------- a story's word list

  /** The story's words by word; 404 when the caller may not read the story. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<StoryWordView> storyWords(UUID storyId, String cursor, int limit) {
    readableStory(storyId);
    String after = cursor == null ? null : Cursors.decode(cursor, k -> k.text());
    boolean editor = content.mayUpdateStory(storyId);
    TypedQuery<StoryWord> q =
        em().createQuery(
                "SELECT w FROM StoryWord w WHERE w.storyId = :story"
                    + (editor ? "" : " AND w.draft = false")
                    + (after == null ? "" : " AND LOWER(w.word) > :after")
                    + " ORDER BY LOWER(w.word)",
                StoryWord.class)
            .setParameter("story", storyId);
    if (after != null) {
      q.setParameter("after", after);
    }
    List<StoryWord> rows = q.setMaxResults(limit + 1).getResultList();
    List<StoryWord> page = rows.subList(0, Math.min(limit, rows.size()));
    String next =
        rows.size() > limit
            ? Cursors.encode(page.get(page.size() - 1).word().toLowerCase(Locale.ROOT))
            : null;
    return new Page<>(page.stream().map(StoryWordView::of).toList(), next);
  }

  /** Adds a word to the story's list: 403 for a reader who may not edit the story. */
  @Audited(action = AuditAction.CREATE, entity = STORY_WORD)
  public StoryWordView addStoryWord(UUID storyId, StoryWordRequest r) {
    readableStory(storyId);
    if (!content.mayUpdateStory(storyId)) {
      throw LecternException.forbidden("Only who may edit the story keeps its word list.");
    }
    if (storyWord(storyId, r.word()) != null) {
      throw LecternException.conflict(
          "vocabulary.word-exists", "The story already defines '" + r.word().strip() + "'.");
    }
    StoryWord w =
        new StoryWord(
            storyId,
            r.word(),
            r.definition(),
            blankToNull(r.partOfSpeech()),
            blankToNull(r.example()),
            context.caller().id());
    em().persist(w);
    em().flush();
    return StoryWordView.of(w);
  }

  /**
   * Adds words an AI job chose to the story's list as drafts, leaving out those the story defines
   * already: 403 for who may not edit the story. Answers the words added.
   */
  @Audited(action = AuditAction.CREATE, entity = STORY_WORD)
  public List<StoryWordView> addDraftStoryWords(UUID storyId, List<DraftWord> words) {
    readableStory(storyId);
    if (!content.mayUpdateStory(storyId)) {
      throw LecternException.forbidden("Only who may edit the story keeps its word list.");
    }
    Set<String> taken = new HashSet<>();
    em().createQuery("SELECT w.word FROM StoryWord w WHERE w.storyId = :story", String.class)
        .setParameter("story", storyId)
        .getResultList()
        .forEach(w -> taken.add(w.toLowerCase(Locale.ROOT)));
    List<StoryWordView> added = new ArrayList<>();
    for (DraftWord d : words) {
      if (taken.add(d.word().strip().toLowerCase(Locale.ROOT))) {
        StoryWord w =
            StoryWord.draft(
                storyId,
                d.word(),
                d.definition(),
                blankToNull(d.partOfSpeech()),
                blankToNull(d.example()),
                context.caller().id());
        em().persist(w);
        added.add(StoryWordView.of(w));
      }
    }
    em().flush();
    return added;
  }

  /** A draft word becomes one of the story's words: for who may edit the story (403). */
  @Audited(action = AuditAction.UPDATE, entity = STORY_WORD)
  public StoryWordView acceptStoryWord(UUID storyId, @EntityId UUID wordId) {
    readableStory(storyId);
    StoryWord w = em().find(StoryWord.class, wordId);
    if (w == null || !w.storyId().equals(storyId)) {
      throw LecternException.notFound(STORY_WORD);
    }
    if (!content.mayUpdateStory(storyId)) {
      throw LecternException.forbidden("Only who may edit the story keeps its word list.");
    }
    w.accept();
    em().flush();
    return StoryWordView.of(w);
  }

  @Audited(action = AuditAction.DELETE, entity = STORY_WORD)
  public void removeStoryWord(UUID storyId, @EntityId UUID wordId) {
    readableStory(storyId);
    StoryWord w = em().find(StoryWord.class, wordId);
    if (w == null || !w.storyId().equals(storyId)) {
      throw LecternException.notFound(STORY_WORD);
    }
    if (!content.mayUpdateStory(storyId)) {
      throw LecternException.forbidden("Only who may edit the story keeps its word list.");
    }
    em().remove(w);
  }

  // ---------------------------------------------------------------- a student's own words

  /**
   * Collects a word: from the story's list when the story defines it (its definition comes along),
   * else as the student's own. Collecting a word again answers the one collected before.
   */
  public Collected collect(CollectRequest r) {
    UUID me = me("create");
    UUID storyWordId = null;
    String definition = blankToNull(r.definition());
    if (r.storyId() != null) {
      readableStory(r.storyId());
      StoryWord defined = storyWord(r.storyId(), r.word());
      if (defined != null && !defined.isDraft()) {
        storyWordId = defined.id();
        definition = definition == null ? defined.definition() : definition;
      }
    }
    VocabularyWord existing = ownWord(me, r.word());
    if (existing != null) {
      return new Collected(WordView.of(existing), false);
    }
    VocabularyWord w = new VocabularyWord(me, r.word(), definition, r.storyId(), storyWordId);
    em().persist(w);
    em().flush();
    return new Collected(WordView.of(w), true);
  }

  /**
   * The caller's words: all by word, or ({@code due}) those due for review now, the longest overdue
   * first.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<WordView> list(boolean due, String cursor, int limit) {
    UUID me = me("read");
    List<VocabularyWord> rows;
    if (due) {
      Object[] after =
          cursor == null ? null : Cursors.decode(cursor, k -> new Object[] {k.instant(), k.uuid()});
      TypedQuery<VocabularyWord> q =
          em().createQuery(
                  "SELECT w FROM VocabularyWord w WHERE w.userId = :me AND w.dueAt <= :now"
                      + (after == null
                          ? ""
                          : " AND (w.dueAt > :at OR (w.dueAt = :at AND w.id > :id))")
                      + " ORDER BY w.dueAt, w.id",
                  VocabularyWord.class)
              .setParameter("me", me)
              .setParameter("now", Instant.now());
      if (after != null) {
        q.setParameter("at", after[0]).setParameter("id", after[1]);
      }
      rows = q.setMaxResults(limit + 1).getResultList();
    } else {
      String after = cursor == null ? null : Cursors.decode(cursor, k -> k.text());
      TypedQuery<VocabularyWord> q =
          em().createQuery(
                  "SELECT w FROM VocabularyWord w WHERE w.userId = :me"
                      + (after == null ? "" : " AND LOWER(w.word) > :after")
                      + " ORDER BY LOWER(w.word)",
                  VocabularyWord.class)
              .setParameter("me", me);
      if (after != null) {
        q.setParameter("after", after);
      }
      rows = q.setMaxResults(limit + 1).getResultList();
    }
    List<VocabularyWord> page = rows.subList(0, Math.min(limit, rows.size()));
    String next = null;
    if (rows.size() > limit) {
      VocabularyWord last = page.get(page.size() - 1);
      next =
          due
              ? Cursors.encode(last.dueAt(), last.id())
              : Cursors.encode(last.word().toLowerCase(Locale.ROOT));
    }
    return new Page<>(page.stream().map(WordView::of).toList(), next);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public WordView get(UUID id) {
    return WordView.of(own(id, "read"));
  }

  public void delete(UUID id) {
    em().remove(own(id, "create"));
  }

  /**
   * Records a review and moves the word's schedule. The client's review id makes a retry count
   * once: the same id again answers the word as it is; the same id for another word or grade is a
   * 409.
   */
  public WordView review(UUID id, ReviewRequest r) {
    if ((r.grade() == null) == (r.rating() == null)) {
      throw LecternException.invalid("grade", "give either grade (0-5) or rating, not both");
    }
    int grade = r.grade() != null ? r.grade() : Sm2.grade(r.rating());
    VocabularyWord w = own(id, "create");
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    @SuppressWarnings("unchecked")
    List<Object[]> earlier =
        tem.sql(
                "WITH ins AS (INSERT INTO vocabulary_reviews"
                    + " (tenant_id, user_id, review_id, word_id, grade, reviewed_at)"
                    + " VALUES (?1, CAST(?2 AS uuid), CAST(?3 AS uuid), CAST(?4 AS uuid), ?5, now())"
                    + " ON CONFLICT DO NOTHING RETURNING 1)"
                    + " SELECT CAST(word_id AS text), grade FROM vocabulary_reviews"
                    + " WHERE tenant_id = ?1 AND user_id = CAST(?2 AS uuid)"
                    + " AND review_id = CAST(?3 AS uuid) AND NOT EXISTS (SELECT 1 FROM ins)")
            .setParameter(2, w.userId().toString())
            .setParameter(3, r.reviewId().toString())
            .setParameter(4, w.id().toString())
            .setParameter(5, grade)
            .getResultList();
    if (!earlier.isEmpty()) {
      Object[] e = earlier.get(0);
      if (!w.id().toString().equals(e[0]) || ((Number) e[1]).intValue() != grade) {
        throw LecternException.conflict(
            "vocabulary.review-id-reused",
            "This reviewId was used for another review; send a new one.");
      }
      return WordView.of(w); // a retry: counted once already
    }
    w.review(grade, now);
    em().flush();
    return WordView.of(w);
  }

  // ---------------------------------------------------------------- helpers

  private EntityManager em() {
    return tem.get();
  }

  private void readableStory(UUID storyId) {
    if (content.readableTitle("story", storyId).isEmpty()) {
      throw LecternException.notFound("story");
    }
  }

  private StoryWord storyWord(UUID storyId, String word) {
    return em()
        .createQuery(
            "SELECT w FROM StoryWord w WHERE w.storyId = :story AND LOWER(w.word) = LOWER(:word)",
            StoryWord.class)
        .setParameter("story", storyId)
        .setParameter("word", word.strip())
        .getResultList()
        .stream()
        .findFirst()
        .orElse(null);
  }

  private VocabularyWord ownWord(UUID me, String word) {
    return em()
        .createQuery(
            "SELECT w FROM VocabularyWord w WHERE w.userId = :me AND LOWER(w.word) = LOWER(:word)",
            VocabularyWord.class)
        .setParameter("me", me)
        .setParameter("word", word.strip())
        .getResultList()
        .stream()
        .findFirst()
        .orElse(null);
  }

  /** The caller's word, or 404 (another user's word is not told apart from none). */
  private VocabularyWord own(UUID id, String action) {
    UUID me = me(action);
    VocabularyWord w = em().find(VocabularyWord.class, id);
    if (w == null || !w.userId().equals(me)) {
      throw LecternException.notFound(RESOURCE);
    }
    return w;
  }

  /** The caller, a member of the school allowed this on their own vocabulary. */
  private UUID me(String action) {
    access.requireSchoolMember("Vocabulary belongs to a school's users.");
    access.require(RESOURCE, action);
    return context.caller().id();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
