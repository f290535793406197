package org.lectern.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class StoryTest {

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
  void editingContentRecountsWords() {
    Story s =
        new Story(
            new StoryDraft("T", "one two", null, Story.Difficulty.beginner, null, null, null),
            UUID.randomUUID());
    assertEquals(2, s.wordCount());
    s.edit(new StoryDraft(null, "one two three", null, null, null, null, null));
    assertEquals(3, s.wordCount());
  }

  @Test
  void newStoriesStartAsDrafts() {
    Story s =
        new Story(
            new StoryDraft("T", "x", null, Story.Difficulty.beginner, null, null, null),
            UUID.randomUUID());
    assertEquals(Story.Status.draft, s.status());
    assertEquals(Story.StoryType.original, s.storyType());
  }

  @Test
  void aPublishedStoryWhoseTextChangesIsADraftAgain() {
    Story s =
        new Story(
            new StoryDraft("T", "one two", null, Story.Difficulty.beginner, null, null, null),
            UUID.randomUUID());
    s.changeStatus(Story.Status.published);
    s.edit(new StoryDraft(null, null, null, Story.Difficulty.advanced, 9, null, null));
    assertEquals(Story.Status.published, s.status(), "no new text, nothing to approve");
    s.edit(new StoryDraft("T", "one two", null, null, null, null, null));
    assertEquals(Story.Status.published, s.status(), "the same text again changes nothing");
    s.edit(new StoryDraft(null, "one two three", null, null, null, null, null));
    assertEquals(Story.Status.draft, s.status(), "students must not read unapproved text");
  }
}
