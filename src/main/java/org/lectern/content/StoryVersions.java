package org.lectern.content;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Objects;
import org.lectern.content.StoryDtos.ClozeSetting;
import org.lectern.context.RequestContext;
import org.lectern.platform.Jsons;
import org.lectern.platform.LecternException;
import org.lectern.tenancy.TenantEntityManager;

/**
 * The store of story versions: writes a version with its chunks and cloze settings, and reads them
 * back. A version's text never changes once written; what a story does with its versions (which is
 * latest, which is published) is the {@link Story}'s own rule. Callers own the transaction.
 */
@ApplicationScoped
public class StoryVersions {

  @Inject TenantEntityManager tem;
  @Inject RequestContext current;

  /** Version {@code number} of the story; 404 when it has none such. */
  StoryVersion version(Story story, int number) {
    List<StoryVersion> found =
        tem.get()
            .createQuery(
                "SELECT v FROM StoryVersion v WHERE v.storyId = :s AND v.number = :n",
                StoryVersion.class)
            .setParameter("s", story.id())
            .setParameter("n", number)
            .getResultList();
    if (found.isEmpty()) {
      throw new LecternException(404, "story-version.not-found", "No such version of this story.");
    }
    return found.get(0);
  }

  StoryVersion latest(Story story) {
    return version(story, story.latestVersion());
  }

  /**
   * The story's versions for its publication verbs. Every lookup writes what is pending first, so
   * that a version the story has just unpublished is unpublished in the database before it
   * publishes another: the unique index story_versions_one_published_key is checked row by row.
   */
  Story.Versions of(Story story) {
    return number -> {
      tem.get().flush();
      return version(story, number);
    };
  }

  /** Up to {@code size} versions numbered below {@code before} (null: all), newest first. */
  List<StoryVersion> before(Story story, Integer before, int size) {
    return tem.get()
        .createQuery(
            "SELECT v FROM StoryVersion v WHERE v.storyId = :s AND v.number < :n"
                + " ORDER BY v.number DESC",
            StoryVersion.class)
        .setParameter("s", story.id())
        .setParameter("n", before == null ? Integer.MAX_VALUE : before)
        .setMaxResults(size)
        .getResultList();
  }

  /** A new version when the text or its scopes differ from the latest version's. */
  void revise(Story story, List<Chunks.Piece> pieces, String scopes) {
    StoryVersion latest = latest(story);
    if (pieces.equals(pieces(latest))
        && Objects.equals(json(scopes), json(latest.chemingScopes()))) {
      return;
    }
    write(story, latest.number() + 1, pieces, scopes, latest);
  }

  /**
   * Writes version {@code number} with its chunks, and makes it the story's latest. {@code from} is
   * the version it was made from (edited or restored; null for a story's first), whose cloze
   * settings it starts with.
   */
  void write(Story story, int number, List<Chunks.Piece> pieces, String scopes, StoryVersion from) {
    Integer basedOn = from == null ? null : from.number();
    StoryVersion v =
        new StoryVersion(story.id(), number, pieces, scopes, basedOn, current.caller().id());
    tem.get().persist(v);
    tem.get().flush();
    for (int i = 0; i < pieces.size(); i++) {
      tem.get().persist(new StoryChunk(v.id(), i + 1, pieces.get(i)));
    }
    if (from != null) {
      for (ClozeSetting s : cloze(from)) {
        tem.get().persist(new ClozeConfig(v.id(), s.partOfSpeech(), s.ratio()));
      }
    }
    story.newVersion(v);
  }

  List<StoryChunk> chunks(StoryVersion v) {
    return tem.get()
        .createQuery(
            "SELECT c FROM StoryChunk c WHERE c.versionId = :v ORDER BY c.order", StoryChunk.class)
        .setParameter("v", v.id())
        .getResultList();
  }

  List<Chunks.Piece> pieces(StoryVersion v) {
    return chunks(v).stream().map(StoryChunk::piece).toList();
  }

  List<ClozeSetting> cloze(StoryVersion v) {
    return tem
        .get()
        .createQuery(
            "SELECT c FROM ClozeConfig c WHERE c.versionId = :v ORDER BY c.partOfSpeech",
            ClozeConfig.class)
        .setParameter("v", v.id())
        .getResultList()
        .stream()
        .map(c -> new ClozeSetting(c.partOfSpeech(), c.ratio()))
        .toList();
  }

  /** Replaces the version's cloze settings with these. */
  void replaceCloze(StoryVersion v, List<ClozeSetting> settings) {
    tem.get()
        .createQuery("DELETE FROM ClozeConfig c WHERE c.versionId = :v")
        .setParameter("v", v.id())
        .executeUpdate();
    for (ClozeSetting s : settings) {
      tem.get().persist(new ClozeConfig(v.id(), s.partOfSpeech(), s.ratio()));
    }
    tem.get().flush();
  }

  /** Stored cheming scopes as JSON (null stays null). */
  static JsonObject json(String text) {
    if (text == null) {
      return null;
    }
    try (var reader = Jsons.provider().createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }
}
