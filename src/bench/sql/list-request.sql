-- pgbench (b): every statement one GET /api/stories?limit=20 by a student runs today, in order,
-- as one transaction, as PostgreSQL's log showed them (log_statement=all; the bench script
-- re-captures them each run into target/bench/list-request-statements.log, so a change of the
-- request path shows there first). 8 statements, 8 round trips. -D: tenant, student, ids (the
-- page's 20 story ids as a uuid[] literal, which the run computes).
-- 1. the token's tenant, 2. the token's user (with password_hash)
SELECT ID, created_at, NAME, policy_version, SLUG, STATUS, updated_at, VERSION FROM tenants WHERE (ID = :tenant);
SELECT tenant_id, ID, is_active, books_completed, created_at, current_streak, display_name, EMAIL, grade_level, interests, last_active_at, longest_streak, password_hash, preferred_language, reading_level, total_reading_time, updated_at, VERSION FROM users WHERE (((tenant_id = :tenant) AND (ID = :student)) AND (tenant_id = :tenant));
BEGIN;
-- 4. the student's courses, for the access rules
SELECT course_id FROM course_enrollments WHERE tenant_id = :tenant AND user_id = :student;
-- 5. the visible page's keys, the rules compiled to SQL
SELECT t.id, t.created_at FROM stories t LEFT JOIN lessons l ON l.tenant_id = t.tenant_id AND l.id = t.lesson_id LEFT JOIN courses c ON c.tenant_id = l.tenant_id AND c.id = l.course_id WHERE t.tenant_id = :tenant AND t.deleted_at IS NULL AND (t.lesson_id IS NULL OR (l.deleted_at IS NULL AND c.deleted_at IS NULL)) AND (t.status = 'published' AND (t.course_id IS NULL OR (((l.status IS NOT NULL AND l.status = 'published') AND (c.status IS NOT NULL AND c.status = 'published')) AND (c.audience IS NOT NULL AND c.audience = 'school')))) ORDER BY t.created_at DESC, t.id DESC LIMIT 21;
-- 6. the rows by id (the app sends an IN list of 20 parameters), 7. their tags
SELECT tenant_id, ID, chem_ratio, course_id, created_at, created_by, deleted_at, DIFFICULTY, estimated_minutes, LANGUAGE, latest_version, lesson_id, published_version, STATUS, story_type, TITLE, updated_at, VERSION, word_count FROM stories WHERE ((ID = ANY (CAST(:ids AS uuid[]))) AND (tenant_id = :tenant));
SELECT st.story_id, g.name FROM story_tags st JOIN tags g ON g.tenant_id = st.tenant_id AND g.id = st.tag_id WHERE st.tenant_id = :tenant AND st.story_id = ANY (CAST(:ids AS uuid[])) ORDER BY lower(g.name);
COMMIT;
