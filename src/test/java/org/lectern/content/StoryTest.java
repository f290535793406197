package org.lectern.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StoryTest {

  private static final UUID AUTHOR = UUID.randomUUID();

  @Test
  void countsWordsAcrossLinesAndPunctuation() {
    assertEquals(6, Story.countWords("A quick brown fox.\n\nIt jumps."));
  }

  @Test
  void punctuationAloneIsNoWord() {
    assertEquals(3, Story.countWords("one - two ... three !"));
  }

  @Test
  void emptyAndBlankTextHaveNoWords() {
    assertEquals(0, Story.countWords(""));
    assertEquals(0, Story.countWords(" \t\n "));
  }

  @Test
  void nonLatinScriptsCount() {
    assertEquals(3, Story.countWords("Привет мир ٣"));
  }

  @Test
  void newStoriesStartAsEnglishDrafts() {
    Story s = story();
    assertEquals(Story.Status.draft, s.status());
    assertEquals(Story.StoryType.original, s.storyType());
    assertEquals("en", s.language());
    assertNull(s.publishedVersion());
  }

  @Test
  void whileNothingIsPublishedTheStoryDescribesItsLatestVersion() {
    Story s = story();
    s.newVersion(version(s, 1, "one two", Chunks.Type.normal));
    assertEquals(2, s.wordCount());
    s.newVersion(version(s, 2, "one two three", Chunks.Type.normal));
    assertEquals(3, s.wordCount());
    assertEquals(2, s.latestVersion());
  }

  @Test
  void readersKeepThePublishedVersionWhileANewerOneIsWritten() {
    Story s = story();
    Versions versions = new Versions(s);
    versions.write("uno dos", Chunks.Type.normal);
    s.publish(versions);
    versions.write("one two three four", Chunks.Type.chem);
    assertEquals(Story.Status.published, s.status());
    assertEquals(1, s.publishedVersion());
    assertEquals(2, s.latestVersion());
    assertEquals(2, s.wordCount(), "still the published version's count");
    assertEquals(new BigDecimal("0.0000"), s.chemRatio());
  }

  @Test
  void withdrawingDescribesTheLatestVersionAgain() {
    Story s = story();
    Versions versions = new Versions(s);
    versions.write("uno dos", Chunks.Type.normal);
    s.publish(versions);
    versions.write("one two three", Chunks.Type.chem);
    s.withdraw(Story.Status.archived, versions);
    assertEquals(Story.Status.archived, s.status());
    assertNull(s.publishedVersion());
    assertEquals(3, s.wordCount());
    assertEquals(new BigDecimal("1.0000"), s.chemRatio());
    assertEquals(List.of(), versions.published());
  }

  @Test
  void atMostOneVersionIsPublishedThroughTheWholeLifecycle() {
    Story s = story();
    Versions versions = new Versions(s);
    versions.write("one", Chunks.Type.normal);
    versions.write("one two", Chunks.Type.normal);
    assertEquals(Story.Status.draft, s.status());
    assertEquals(List.of(), versions.published());

    s.publish(versions);
    assertEquals(Story.Status.published, s.status());
    assertEquals(2, s.publishedVersion());
    assertEquals(List.of(2), versions.published());
    assertTrue(versions.number(2).isApproved());

    versions.write("one two three", Chunks.Type.normal);
    assertEquals(List.of(2), versions.published(), "a new version is not published by itself");
    assertEquals(2, s.wordCount());

    s.publish(versions);
    assertEquals(3, s.publishedVersion());
    assertEquals(List.of(3), versions.published(), "the one published before is unpublished");
    assertTrue(versions.number(2).isApproved(), "it stays approved");
    assertEquals(3, s.wordCount());

    s.publish(versions);
    assertEquals(List.of(3), versions.published(), "publishing again changes nothing");

    s.withdraw(Story.Status.draft, versions);
    assertEquals(Story.Status.draft, s.status());
    assertNull(s.publishedVersion());
    assertEquals(List.of(), versions.published());

    s.publish(versions);
    s.withdraw(Story.Status.archived, versions);
    assertEquals(Story.Status.archived, s.status());
    assertEquals(List.of(), versions.published());
  }

  @Test
  void withdrawingCannotPublish() {
    Story s = story();
    Versions versions = new Versions(s);
    versions.write("one", Chunks.Type.normal);
    assertThrows(
        IllegalArgumentException.class, () -> s.withdraw(Story.Status.published, versions));
  }

  @Test
  void aStoryTakesOnlyItsOwnVersions() {
    Story s = story();
    Story other = story();
    StoryVersion foreign =
        new StoryVersion(
            other.id(), 1, List.of(new Chunks.Piece("x", Chunks.Type.normal)), null, null, AUTHOR);
    assertThrows(IllegalArgumentException.class, () -> s.newVersion(foreign));
    assertThrows(IllegalArgumentException.class, () -> s.publish(n -> foreign));
  }

  @Test
  void softDeletionHidesAndRestoreBringsBack() {
    Story s = story();
    assertFalse(s.isDeleted());
    s.softDelete();
    assertTrue(s.isDeleted());
    assertNotNull(s.deletedAt());
    s.restore();
    assertFalse(s.isDeleted());
    assertNull(s.deletedAt());
  }

  @Test
  void metadataEditsLeaveUnsetFieldsAlone() {
    Story s = story();
    s.edit(new StoryDraft(null, Story.StoryType.adapted, null, 12, "es"));
    assertEquals("T", s.title());
    assertEquals(Story.StoryType.adapted, s.storyType());
    assertEquals(Story.Difficulty.beginner, s.difficulty());
    assertEquals(12, s.estimatedMinutes());
    assertEquals("es", s.language());
  }

  private static Story story() {
    return new Story(new StoryDraft("T", null, Story.Difficulty.beginner, null, null), AUTHOR);
  }

  private static StoryVersion version(Story s, int n, String text, Chunks.Type type) {
    return new StoryVersion(s.id(), n, List.of(new Chunks.Piece(text, type)), null, null, AUTHOR);
  }

  /** The versions of one story in memory: what the version store does, without a database. */
  private static final class Versions implements Story.Versions {
    private final Story story;
    private final Map<Integer, StoryVersion> byNumber = new TreeMap<>();

    Versions(Story story) {
      this.story = story;
    }

    /** Writes the next version, as the store does, and makes it the story's latest. */
    void write(String text, Chunks.Type type) {
      int number = byNumber.size() + 1;
      StoryVersion v = version(story, number, text, type);
      byNumber.put(number, v);
      story.newVersion(v);
    }

    @Override
    public StoryVersion number(int number) {
      return byNumber.get(number);
    }

    List<Integer> published() {
      return byNumber.values().stream()
          .filter(StoryVersion::isPublished)
          .map(StoryVersion::number)
          .toList();
    }
  }
}
