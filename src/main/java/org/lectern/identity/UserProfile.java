package org.lectern.identity;

import java.util.List;

/** The learner-profile fields a user update may change; null means "leave as it is". */
public record UserProfile(
    String displayName,
    String gradeLevel,
    String preferredLanguage,
    String readingLevel,
    List<String> interests,
    String timeZone) {}
