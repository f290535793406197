-- pgbench (a): the query a perfect implementation would run for the student's first page: the
-- rows the default rules let a student see (published, not deleted, in no course or in a readable
-- course's published lesson), newest first, one more than the page, with the columns the list
-- shows and the tags aggregated. :tenant and :student are set by the bench script (-D).
SELECT s.id, s.title, s.story_type, s.difficulty, s.language, s.estimated_minutes, s.word_count,
       s.chem_ratio, s.status, s.lesson_id, s.course_id, s.created_by, s.created_at, s.version,
       coalesce((SELECT array_agg(g.name ORDER BY g.name)
                   FROM story_tags st JOIN tags g ON g.tenant_id = st.tenant_id AND g.id = st.tag_id
                  WHERE st.tenant_id = s.tenant_id AND st.story_id = s.id), '{}') AS tags
  FROM stories s
 WHERE s.tenant_id = :tenant AND s.deleted_at IS NULL AND s.status = 'published'
   AND (s.course_id IS NULL
        OR EXISTS (SELECT 1 FROM lessons l JOIN courses c ON c.tenant_id = l.tenant_id AND c.id = l.course_id
                    WHERE l.tenant_id = s.tenant_id AND l.id = s.lesson_id
                      AND l.status = 'published' AND l.deleted_at IS NULL
                      AND c.status = 'published' AND c.deleted_at IS NULL
                      AND (c.audience = 'school'
                           OR EXISTS (SELECT 1 FROM course_enrollments e
                                       WHERE e.tenant_id = c.tenant_id AND e.course_id = c.id
                                         AND e.user_id = :student))))
 ORDER BY s.created_at DESC, s.id DESC
 LIMIT 21;
