package org.lectern.content;

import java.math.BigDecimal;
import java.util.UUID;

/** The editable fields of a story; null means "not given". */
public record StoryDraft(
    String title,
    String content,
    Story.StoryType storyType,
    Story.Difficulty difficulty,
    Integer estimatedMinutes,
    BigDecimal chemRatio,
    UUID lessonId) {}
