package org.lectern.publishing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.lectern.platform.SqlValues;
import org.lectern.platform.TextArrayConverter;
import org.lectern.publishing.PublishingDtos.BookView;

/**
 * A book as one SQL row reads it (counters and ratings included, which the entity never carries),
 * and how it becomes a {@link BookView} with its facts.
 */
record BookRow(
    UUID id,
    Instant createdAt,
    UUID storyId,
    String title,
    String description,
    String isbn,
    String publishingStatus,
    Instant publishedAt,
    List<String> gradeLevel,
    List<String> curriculum,
    String accessType,
    long viewCount,
    long readCount,
    long ratingSum,
    int totalRatings,
    UUID createdBy,
    Instant updatedAt,
    long version,
    String language,
    BookFacts.Facts facts,
    float rank) {

  /**
   * The columns {@link #of} reads, for {@code SELECT} over the book as {@code t} joined to its
   * story's facts as {@link #FROM} joins them.
   */
  static final String COLUMNS =
      "t.id, t.created_at, t.story_id, t.title, t.description, t.isbn, t.publishing_status,"
          + " t.published_at, t.grade_level, t.curriculum, t.access_type, t.view_count,"
          + " t.read_count, t.rating_sum, t.total_ratings, t.created_by, t.updated_at, t.version,"
          + " t.language, "
          + BookFacts.COLUMNS;

  /** The books as {@code t} with their story's facts: what follows {@code FROM}. */
  static final String FROM = "books t" + BookFacts.JOIN;

  private static final int FACTS_AT = 19;
  private static final int RANK_AT = FACTS_AT + BookFacts.WIDTH;

  private static final TextArrayConverter ARRAYS = new TextArrayConverter();

  /** A row of {@link #COLUMNS}, with a search rank after them when there is one. */
  static BookRow of(Object[] r) {
    return new BookRow(
        (UUID) r[0],
        SqlValues.instant(r[1]),
        (UUID) r[2],
        (String) r[3],
        (String) r[4],
        (String) r[5],
        (String) r[6],
        SqlValues.instant(r[7]),
        ARRAYS.convertToEntityAttribute(r[8]),
        ARRAYS.convertToEntityAttribute(r[9]),
        (String) r[10],
        ((Number) r[11]).longValue(),
        ((Number) r[12]).longValue(),
        ((Number) r[13]).longValue(),
        ((Number) r[14]).intValue(),
        (UUID) r[15],
        SqlValues.instant(r[16]),
        ((Number) r[17]).longValue(),
        (String) r[18],
        BookFacts.of(r, FACTS_AT),
        r.length > RANK_AT && r[RANK_AT] != null ? ((Number) r[RANK_AT]).floatValue() : 0f);
  }

  /** The exact average, to four decimals (half up); null while nobody has rated. */
  static BigDecimal average(long sum, int count) {
    return count == 0
        ? null
        : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 4, RoundingMode.HALF_UP);
  }

  BookView view() {
    BookFacts.Facts f = facts;
    return new BookView(
        id,
        storyId,
        title,
        description,
        isbn,
        publishingStatus,
        publishedAt,
        gradeLevel,
        curriculum,
        accessType,
        f.wordCount(),
        f.readingTime(),
        f.hasQuiz(),
        f.hasVocabulary(),
        f.hasAudio(),
        f.hasActivities(),
        f.isInteractive(),
        viewCount,
        readCount,
        average(ratingSum, totalRatings),
        totalRatings,
        createdBy,
        createdAt,
        updatedAt,
        version);
  }
}
