-- pgbench (b): every statement one GET /api/stories?limit=20 by a student runs today, in order,
-- as one pgbench transaction, as PostgreSQL's log showed them (log_statement=all; the bench script
-- re-captures them each run into target/bench/list-request-statements.log, so a change of the
-- request path shows there first). 2 statements, 2 round trips, no BEGIN/COMMIT (reads run
-- without a transaction). -D: tenant, student.
-- 1. caller and tenant in one statement: the tenant's state, the user's profile, activity and
--    token version (no password_hash), and the student's courses for the access rules
SELECT t.id, t.slug, t.status, t.policy_version, u.id, u.is_active, u.token_version, u.email, u.display_name, u.grade_level, u.reading_level, u.preferred_language, u.interests, (SELECT coalesce(array_agg(e.course_id::text), '{}') FROM course_enrollments e WHERE e.tenant_id = t.id AND e.user_id = u.id) FROM tenants t LEFT JOIN users u ON u.tenant_id = t.id AND u.id = :student WHERE t.id = :tenant;
-- 2. the visible page with its tags: the access rules compiled to SQL, 21 rows (one to tell
--    whether there is a next page), newest first
SELECT t.id, t.created_at, t.title, t.story_type, t.difficulty, t.language, t.estimated_minutes, t.word_count, t.chem_ratio, t.status, t.lesson_id, t.course_id, t.created_by, t.version, (SELECT coalesce(json_agg(g.name ORDER BY lower(g.name)), '[]')::text FROM story_tags st JOIN tags g ON g.tenant_id = st.tenant_id AND g.id = st.tag_id WHERE st.tenant_id = t.tenant_id AND st.story_id = t.id) FROM stories t LEFT JOIN lessons l ON l.tenant_id = t.tenant_id AND l.id = t.lesson_id LEFT JOIN courses c ON c.tenant_id = l.tenant_id AND c.id = l.course_id WHERE t.tenant_id = :tenant AND t.deleted_at IS NULL AND (t.lesson_id IS NULL OR (l.deleted_at IS NULL AND c.deleted_at IS NULL)) AND (t.status = 'published' AND (t.course_id IS NULL OR (((l.status IS NOT NULL AND l.status = 'published') AND (c.status IS NOT NULL AND c.status = 'published')) AND (c.audience IS NOT NULL AND c.audience = 'school')))) ORDER BY t.created_at DESC, t.id DESC LIMIT 21;
