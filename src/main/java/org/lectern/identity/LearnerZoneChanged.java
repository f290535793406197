package org.lectern.identity;

import java.util.UUID;

/**
 * Fired (synchronously, inside the change's transaction) when the time zone a learner's days are
 * counted in changes, so the learning record counts their days and streaks again.
 */
public record LearnerZoneChanged(UUID userId) {}
