package org.lectern.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lectern.audit.Sensitive;
import org.lectern.context.Caller;
import org.lectern.platform.Ids;
import org.lectern.platform.TextArrayConverter;
import org.lectern.tenancy.TenantScoped;

/**
 * A person of a school: admin, teacher or student (roles live in {@code org.lectern.access}). The
 * learner fields follow the seed's users table; the password hash never leaves this package.
 */
@Entity
@Table(name = "users")
public class User extends TenantScoped {

  @Id private UUID id;

  @Column(nullable = false)
  private String email;

  @Column(name = "display_name", nullable = false)
  private String displayName;

  @Column(name = "password_hash", nullable = false)
  @Sensitive
  private String passwordHash;

  @Column(name = "is_active", nullable = false)
  private boolean active;

  @Column(name = "grade_level")
  private String gradeLevel;

  @Column(name = "preferred_language", nullable = false)
  private String preferredLanguage;

  @Column(name = "reading_level")
  private String readingLevel;

  @Convert(converter = TextArrayConverter.class)
  @Column(name = "interests", nullable = false)
  private List<String> interests = new ArrayList<>();

  /** The user's IANA time zone; null means the school's. Their local days count their streaks. */
  @Column(name = "time_zone")
  private String timeZone;

  @Column(name = "last_active_at")
  private Instant lastActiveAt;

  @Column(name = "total_reading_time", nullable = false)
  private int totalReadingTime;

  @Column(name = "books_completed", nullable = false)
  private int booksCompleted;

  @Column(name = "current_streak", nullable = false)
  private int currentStreak;

  @Column(name = "longest_streak", nullable = false)
  private int longestStreak;

  /**
   * When {@link #currentStreak} lapses: the start of the second local day after the last day read.
   * Kept by the learning record with the streak, so showing it needs no time zone.
   */
  @Column(name = "streak_lapses_at")
  private Instant streakLapsesAt;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "token_version", nullable = false)
  private long tokenVersion;

  @Version private long version;

  protected User() {}

  public User(String email, String displayName, String passwordHash) {
    this.id = Ids.newId();
    this.email = email.trim();
    this.displayName = displayName.trim();
    this.passwordHash = passwordHash;
    this.active = true;
    this.preferredLanguage = "en";
    this.createdAt = Instant.now();
    this.updatedAt = createdAt;
  }

  /** Applies a profile change; null leaves a field as it is. */
  public void updateProfile(UserProfile p) {
    if (p.displayName() != null) {
      displayName = p.displayName().trim();
    }
    if (p.gradeLevel() != null) {
      gradeLevel = p.gradeLevel().isBlank() ? null : p.gradeLevel();
    }
    if (p.preferredLanguage() != null) {
      preferredLanguage = p.preferredLanguage();
    }
    if (p.readingLevel() != null) {
      readingLevel = p.readingLevel().isBlank() ? null : p.readingLevel();
    }
    if (p.interests() != null) {
      interests = new ArrayList<>(p.interests());
    }
    if (p.timeZone() != null) {
      timeZone = p.timeZone().isBlank() ? null : p.timeZone();
    }
    updatedAt = Instant.now();
  }

  /** A new password also ends every token issued before it (see {@link #tokenVersion()}). */
  public void changePasswordHash(String newHash) {
    passwordHash = newHash;
    tokenVersion++;
    updatedAt = Instant.now();
  }

  /**
   * Tokens carry the version current when they were issued; a password change moves it on, so every
   * older token is refused with the next request. A counter, not a time: a token issued in the same
   * second as the change is still told apart.
   */
  public long tokenVersion() {
    return tokenVersion;
  }

  public void deactivate() {
    active = false;
    updatedAt = Instant.now();
  }

  public void reactivate() {
    active = true;
    updatedAt = Instant.now();
  }

  public void touchActivity(Instant at) {
    lastActiveAt = at;
  }

  /** This user as a request's caller, with the attributes ABAC conditions read as user.*. */
  public Caller asCaller() {
    Map<String, Object> profile = new HashMap<>();
    profile.put("displayName", displayName);
    profile.put("gradeLevel", gradeLevel);
    profile.put("readingLevel", readingLevel);
    profile.put("preferredLanguage", preferredLanguage);
    profile.put("interests", interests());
    return Caller.user(id, email, profile);
  }

  public UUID id() {
    return id;
  }

  public String email() {
    return email;
  }

  public String displayName() {
    return displayName;
  }

  String passwordHash() {
    return passwordHash;
  }

  public boolean isActive() {
    return active;
  }

  /** The user's own time zone, or null for the school's. */
  public String timeZone() {
    return timeZone;
  }

  /** The current streak as of now: 0 once a whole local day has passed without reading. */
  public int currentStreakNow() {
    return streakLapsesAt != null && Instant.now().isBefore(streakLapsesAt) ? currentStreak : 0;
  }

  public String gradeLevel() {
    return gradeLevel;
  }

  public String preferredLanguage() {
    return preferredLanguage;
  }

  public String readingLevel() {
    return readingLevel;
  }

  public List<String> interests() {
    return List.copyOf(interests);
  }

  public Instant lastActiveAt() {
    return lastActiveAt;
  }

  public int totalReadingTime() {
    return totalReadingTime;
  }

  public int booksCompleted() {
    return booksCompleted;
  }

  public int currentStreak() {
    return currentStreak;
  }

  public int longestStreak() {
    return longestStreak;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public long version() {
    return version;
  }
}
