package org.lectern.content;

/** The editable metadata of a story; null means "not given". */
public record StoryDraft(
    String title,
    Story.StoryType storyType,
    Story.Difficulty difficulty,
    Integer estimatedMinutes,
    String language) {}
