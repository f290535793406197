package org.lectern.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No capability queries another capability's tables: it asks that capability's service, or hears
 * its events. Every table has one owning package, declared here, and SQL in any other package that
 * names it fails this test. JPQL names entities, whose classes the layering test already watches.
 */
class TableOwnershipTest {

  /** Every table of the schema and the package that owns it. */
  static final Map<String, String> OWNERS =
      Map.ofEntries(
          Map.entry("tenants", "tenancy"),
          Map.entry("idempotency_keys", "platform"),
          Map.entry("rate_limits", "platform"),
          Map.entry("audit_logs", "audit"),
          Map.entry("audit_heads", "audit"),
          Map.entry("permissions", "access"),
          Map.entry("roles", "access"),
          Map.entry("role_permissions", "access"),
          Map.entry("user_roles", "access"),
          Map.entry("user_permissions", "access"),
          Map.entry("resource_policies", "access"),
          Map.entry("users", "identity"),
          Map.entry("platform_accounts", "identity"),
          Map.entry("approvals", "approval"),
          Map.entry("approval_rules", "approval"),
          Map.entry("audio_assets", "media"),
          Map.entry("courses", "content"),
          Map.entry("course_enrollments", "content"),
          Map.entry("units", "content"),
          Map.entry("lessons", "content"),
          Map.entry("stories", "content"),
          Map.entry("story_versions", "content"),
          Map.entry("story_chunks", "content"),
          Map.entry("cloze_configs", "content"),
          Map.entry("tags", "content"),
          Map.entry("story_tags", "content"),
          Map.entry("classrooms", "classroom"),
          Map.entry("classroom_teachers", "classroom"),
          Map.entry("classroom_enrollments", "classroom"),
          Map.entry("assignments", "classroom"),
          Map.entry("assignment_students", "classroom"),
          Map.entry("submissions", "classroom"),
          Map.entry("story_vocabulary", "learning"),
          Map.entry("vocabulary_words", "learning"),
          Map.entry("vocabulary_reviews", "learning"),
          Map.entry("reading_events", "learning"),
          Map.entry("reading_progress", "learning"),
          Map.entry("reading_days", "learning"),
          Map.entry("learning_sessions", "learning"),
          Map.entry("user_progress", "learning"),
          Map.entry("exercises", "assessment"),
          Map.entry("questions", "assessment"),
          Map.entry("choices", "assessment"),
          Map.entry("quizzes", "assessment"),
          Map.entry("quiz_questions", "assessment"),
          Map.entry("quiz_attempts", "assessment"),
          Map.entry("attempt_answers", "assessment"),
          Map.entry("quiz_results", "assessment"),
          Map.entry("discussions", "community"),
          Map.entry("discussion_posts", "community"),
          Map.entry("books", "publishing"),
          Map.entry("book_ratings", "publishing"),
          Map.entry("book_submissions", "publishing"),
          Map.entry("book_submission_history", "publishing"),
          Map.entry("ai_jobs", "ai"),
          Map.entry("ai_images", "ai"),
          Map.entry("ai_usage", "ai"),
          Map.entry("ai_settings", "ai"));

  private static final Path MAIN = Path.of("src/main/java/org/lectern");
  private static final Pattern SQL_TABLE =
      Pattern.compile(
          "\\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\\s+([a-z_][a-z0-9_]*)\\b(?=\\s|\\(|$|;|,|\")");
  private static final Pattern CREATE_TABLE =
      Pattern.compile("CREATE TABLE (?:IF NOT EXISTS )?([a-z_][a-z0-9_]*)");

  @Test
  void everyTableHasAnOwner() throws IOException {
    Set<String> tables = new TreeSet<>();
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
      for (Path f : files.toList()) {
        Matcher m = CREATE_TABLE.matcher(Files.readString(f));
        while (m.find()) {
          tables.add(m.group(1));
        }
      }
    }
    assertEquals(new TreeSet<>(OWNERS.keySet()), tables, "declare the owner of each new table");
  }

  @Test
  void sqlNamesOnlyTheCapabilitysOwnTables() throws IOException {
    List<String> trespasses = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String pkg = MAIN.relativize(file).getName(0).toString();
        String source = Files.readString(file);
        Matcher m = SQL_TABLE.matcher(source);
        while (m.find()) {
          String table = m.group(1);
          String owner = OWNERS.get(table);
          if (owner == null) {
            continue; // a word after FROM that names no table (prose, JPQL entity aliases)
          }
          if (!owner.equals(pkg)) {
            trespasses.add(MAIN.relativize(file) + " uses " + owner + "'s table " + table);
          }
        }
      }
    }
    assertEquals(List.of(), trespasses);
  }
}
