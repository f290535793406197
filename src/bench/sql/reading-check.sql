-- After a reading-events run (reading.sh): does the derived record of the bench schools' students
-- agree with their stored events? Each fact is recomputed here from reading_events alone, by the
-- rules README "The learning record" states, and set beside what the server keeps. Totals over all
-- runs in the database. Output: check|from the events|kept by the server|OK or MISMATCH.
--   psql -At -f reading-check.sql

CREATE TEMP TABLE bench_tenants AS SELECT id FROM tenants WHERE slug ~ '^reading-[0-9]{3}$';
CREATE TEMP TABLE ev AS
  SELECT e.* FROM reading_events e WHERE e.tenant_id IN (SELECT id FROM bench_tenants);

WITH checks (n, name, derived, kept) AS (
  -- Progress: one row per (student, story) read.
  SELECT 1, 'reading_progress rows = (student, story) pairs read',
         (SELECT count(*) FROM (SELECT DISTINCT tenant_id, user_id, story_id FROM ev) x),
         (SELECT count(*) FROM reading_progress WHERE tenant_id IN (SELECT id FROM bench_tenants))
  UNION ALL
  SELECT 2, 'reading_progress events summed = events',
         (SELECT count(*) FROM ev),
         (SELECT coalesce(sum(events), 0) FROM reading_progress WHERE tenant_id IN (SELECT id FROM bench_tenants))
  UNION ALL
  -- Completion: a story counts once per student once any event reached its last chunk.
  SELECT 3, 'books_completed summed = (student, story) read to the end',
         (SELECT count(*) FROM (SELECT DISTINCT tenant_id, user_id, story_id FROM ev WHERE chunk = total_chunks) x),
         (SELECT coalesce(sum(books_completed), 0) FROM users WHERE tenant_id IN (SELECT id FROM bench_tenants))
  UNION ALL
  -- Time: the sum over distinct events.
  SELECT 4, 'total_reading_time summed (s) = seconds of the events',
         (SELECT coalesce(sum(seconds_read), 0) FROM ev),
         (SELECT coalesce(sum(total_reading_time), 0) FROM users WHERE tenant_id IN (SELECT id FROM bench_tenants))
  UNION ALL
  -- Days: local days (the bench schools and students keep the default zone, UTC).
  SELECT 5, 'reading_days rows = (student, UTC day) pairs',
         (SELECT count(*) FROM (SELECT DISTINCT tenant_id, user_id, (occurred_at AT TIME ZONE 'UTC')::date FROM ev) x),
         (SELECT count(*) FROM reading_days WHERE tenant_id IN (SELECT id FROM bench_tenants))
  UNION ALL
  SELECT 6, 'reading_days seconds summed = seconds of the events',
         (SELECT coalesce(sum(seconds_read), 0) FROM ev),
         (SELECT coalesce(sum(seconds_read), 0) FROM reading_days WHERE tenant_id IN (SELECT id FROM bench_tenants))
  UNION ALL
  -- Sessions: maximal runs of a student's events at most 30 minutes apart.
  SELECT 7, 'learning_sessions rows = runs of events <= 30 min apart',
         (SELECT count(*) FILTER (WHERE gap IS NULL OR gap > interval '30 minutes') FROM (
            SELECT occurred_at - lag(occurred_at) OVER (PARTITION BY tenant_id, user_id ORDER BY occurred_at) AS gap
            FROM ev) x),
         (SELECT count(*) FROM learning_sessions WHERE tenant_id IN (SELECT id FROM bench_tenants))
  UNION ALL
  SELECT 8, 'learning_sessions events summed = events',
         (SELECT count(*) FROM ev),
         (SELECT coalesce(sum(events), 0) FROM learning_sessions WHERE tenant_id IN (SELECT id FROM bench_tenants))
  UNION ALL
  -- Streaks: the longest run of consecutive days read, per student, summed.
  SELECT 9, 'longest_streak summed = longest runs of consecutive days',
         (SELECT coalesce(sum(longest), 0) FROM (
            SELECT tenant_id, user_id, max(len) AS longest FROM (
              SELECT tenant_id, user_id, count(*) AS len FROM (
                SELECT tenant_id, user_id, day - (row_number() OVER (PARTITION BY tenant_id, user_id ORDER BY day))::int AS island
                FROM (SELECT DISTINCT tenant_id, user_id, (occurred_at AT TIME ZONE 'UTC')::date AS day FROM ev) d) i
              GROUP BY tenant_id, user_id, island) r
            GROUP BY tenant_id, user_id) s),
         (SELECT coalesce(sum(longest_streak), 0) FROM users WHERE tenant_id IN (SELECT id FROM bench_tenants))
)
SELECT name, derived, kept, CASE WHEN derived = kept THEN 'OK' ELSE 'MISMATCH' END
FROM checks ORDER BY n;
