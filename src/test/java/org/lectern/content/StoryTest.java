package org.lectern.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.List;
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
    StoryVersion first = version(s, 1, "uno dos", Chunks.Type.normal);
    s.newVersion(first);
    s.publish(first);
    s.newVersion(version(s, 2, "one two three four", Chunks.Type.chem));
    assertEquals(Story.Status.published, s.status());
    assertEquals(1, s.publishedVersion());
    assertEquals(2, s.latestVersion());
    assertEquals(2, s.wordCount(), "still the published version's count");
    assertEquals(new BigDecimal("0.0000"), s.chemRatio());
  }

  @Test
  void withdrawingDescribesTheLatestVersionAgain() {
    Story s = story();
    StoryVersion first = version(s, 1, "uno dos", Chunks.Type.normal);
    s.newVersion(first);
    s.publish(first);
    StoryVersion second = version(s, 2, "one two three", Chunks.Type.chem);
    s.newVersion(second);
    s.withdraw(Story.Status.archived, second);
    assertEquals(Story.Status.archived, s.status());
    assertNull(s.publishedVersion());
    assertEquals(3, s.wordCount());
    assertEquals(new BigDecimal("1.0000"), s.chemRatio());
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
}
