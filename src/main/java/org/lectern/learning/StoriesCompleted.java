package org.lectern.learning;

import java.util.Set;
import java.util.UUID;

/**
 * Fired (synchronously, in the reading report's transaction) when a learner reads stories to the
 * end for the first time: each learner completes a story once, however often they re-read it.
 */
public record StoriesCompleted(UUID learnerId, Set<UUID> storyIds) {}
