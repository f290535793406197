-- One batch of the benchmark's data: schools :lo..:hi, each with :m stories (half published), in
-- one transaction, so a school either exists whole or not at all and an interrupted run resumes
-- at the first missing school. School 1 is the template the script provisioned through the API
-- (tenant, default roles, grants and policies, an admin, a teacher and a student); every other
-- school is a copy of its rows under new ids. Variables: tpl (template tenant id), lo, hi, m.
\set ON_ERROR_STOP on
BEGIN;
SELECT set_config('bench.tpl', :'tpl', true);

CREATE TEMP TABLE todo ON COMMIT DROP AS
SELECT n,
       CASE WHEN n = 1 THEN :'tpl'::uuid ELSE md5('lectern-bench-school-' || n)::uuid END AS tid,
       'bench-' || lpad(n::text, 5, '0') AS slug
  FROM generate_series(:lo::int, :hi::int) AS n
 WHERE NOT EXISTS (SELECT 1 FROM tenants t JOIN stories s ON s.tenant_id = t.id
                    WHERE t.slug = 'bench-' || lpad(n::text, 5, '0'));

-- The copies' tenant rows.
CREATE TEMP TABLE fresh ON COMMIT DROP AS
WITH ins AS (
  INSERT INTO tenants (id, slug, name, status, policy_version, created_at, updated_at, version)
  SELECT d.tid, d.slug, 'Bench School ' || d.n, 'active', tp.policy_version, now(), now(), 0
    FROM todo d, tenants tp
   WHERE tp.id = :'tpl' AND d.n <> 1
     AND NOT EXISTS (SELECT 1 FROM tenants x WHERE x.slug = d.slug)
  RETURNING id)
SELECT id AS tid FROM ins;

-- Their roles, grants, policies, users and whatever else provisioning gave the template, table by
-- table in foreign-key order: every uuid (and uuid[]) column but tenant_id is mapped through
-- clone_id, the same way everywhere, so composite foreign keys still hold.
DO $$
DECLARE
  tpl uuid := current_setting('bench.tpl')::uuid;
  tbl text;
  cols text;
  vals text;
  has_rows boolean;
BEGIN
  FOREACH tbl IN ARRAY ARRAY['roles', 'role_permissions', 'users', 'user_roles', 'user_permissions',
                             'resource_policies', 'approval_rules'] LOOP
    IF to_regclass(tbl) IS NULL THEN CONTINUE; END IF;
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE tenant_id = $1)', tbl) INTO has_rows USING tpl;
    IF NOT has_rows THEN CONTINUE; END IF;
    SELECT string_agg(quote_ident(c.column_name), ', ' ORDER BY c.ordinal_position),
           string_agg(CASE
                        WHEN c.column_name = 'tenant_id' THEN 'f.tid'
                        WHEN c.udt_name = 'uuid' THEN format('pg_temp.clone_id(f.tid, t.%I)', c.column_name)
                        WHEN c.udt_name = '_uuid' THEN format(
                          '(SELECT array_agg(pg_temp.clone_id(f.tid, u) ORDER BY o) FROM unnest(t.%I) WITH ORDINALITY AS x (u, o))',
                          c.column_name)
                        ELSE format('t.%I', c.column_name)
                      END, ', ' ORDER BY c.ordinal_position)
      INTO cols, vals
      FROM information_schema.columns c
     WHERE c.table_schema = current_schema() AND c.table_name = tbl
       AND c.is_generated = 'NEVER';
    EXECUTE format('INSERT INTO %I (%s) SELECT %s FROM %I t CROSS JOIN fresh f WHERE t.tenant_id = $1',
                   tbl, cols, vals, tbl) USING tpl;
  END LOOP;
END
$$;

-- Stories: :m per school, one a minute going back from now, every other one published (with
-- its version 1 approved and published, as an approved publish leaves it), written by the
-- school's teacher; each with one version of two chunks and one of three tags. (No
-- upper_intermediate: stories.difficulty is varchar(16), too short for it; reported.) The search
-- vector is filled by the schema's own triggers.
CREATE TEMP TABLE gen ON COMMIT DROP AS
SELECT d.tid, d.n, k, ts,
       pg_temp.uuidv7(ts) AS sid, pg_temp.uuidv7(ts) AS vid,
       pg_temp.uuidv7(ts) AS c1, pg_temp.uuidv7(ts) AS c2,
       pg_temp.clone_id(d.tid, teacher.id) AS teacher,
       k % 2 = 0 AS published,
       'Story ' || k || ' of school ' || d.n || '.' AS p1,
       (ARRAY['Once upon a time a small fox read a book under the old tree every morning.',
              'The team trained hard all winter and won the final match in the spring.',
              'Water boils at one hundred degrees when the air pressure is normal.'])[1 + k % 3] AS p2,
       (ARRAY['beginner', 'elementary', 'intermediate', 'advanced'])[1 + k % 4] AS difficulty,
       (ARRAY['fiction', 'sport', 'science'])[1 + k % 3] AS tag
  FROM todo d
 CROSS JOIN (SELECT id FROM users WHERE tenant_id = :'tpl' AND lower(email) = 'teacher@bench.test') teacher
 CROSS JOIN generate_series(1, :m::int) AS k
 CROSS JOIN LATERAL (SELECT date_trunc('milliseconds', now())
                            - make_interval(mins => :m::int - k) AS ts) t;
-- clone_id maps the template's own ids too; the template keeps its real ones.
UPDATE gen SET teacher = (SELECT id FROM users WHERE tenant_id = :'tpl' AND lower(email) = 'teacher@bench.test')
 WHERE n = 1;

INSERT INTO stories (tenant_id, id, title, story_type, difficulty, estimated_minutes, word_count,
                     chem_ratio, status, created_by, created_at, updated_at, version, language,
                     latest_version, published_version)
SELECT tid, sid, 'Story ' || k || ' of school ' || n, 'original', difficulty, 1 + k % 10,
       cardinality(regexp_split_to_array(p1, '\s+')) + cardinality(regexp_split_to_array(p2, '\s+')),
       0, CASE WHEN published THEN 'published' ELSE 'draft' END, teacher, ts, ts, 0, 'en',
       1, CASE WHEN published THEN 1 END
  FROM gen;

INSERT INTO story_versions (tenant_id, id, story_id, version_number, content, word_count,
                            cheming_ratio, is_approved, is_published, created_by, created_at)
SELECT tid, vid, sid, 1, p1 || E'\n\n' || p2,
       cardinality(regexp_split_to_array(p1, '\s+')) + cardinality(regexp_split_to_array(p2, '\s+')),
       0, published, published, teacher, ts
  FROM gen;

INSERT INTO story_chunks (tenant_id, id, version_id, chunk_order, chunk_text, type, word_count)
SELECT tid, c1, vid, 1, p1, 'normal', cardinality(regexp_split_to_array(p1, '\s+')) FROM gen
UNION ALL
SELECT tid, c2, vid, 2, p2, 'normal', cardinality(regexp_split_to_array(p2, '\s+')) FROM gen;

INSERT INTO tags (tenant_id, id, name, created_at)
SELECT d.tid, pg_temp.clone_id(d.tid, md5('tag/' || name)::uuid), name, now()
  FROM todo d CROSS JOIN unnest(ARRAY['fiction', 'sport', 'science']) AS name
    ON CONFLICT DO NOTHING;

INSERT INTO story_tags (tenant_id, story_id, tag_id)
SELECT g.tid, g.sid, tg.id
  FROM gen g JOIN tags tg ON tg.tenant_id = g.tid AND tg.name = g.tag;

SELECT count(*) AS schools, coalesce(sum(:m::int), 0) AS stories FROM todo \gset batch_
COMMIT;
\echo done :batch_schools :batch_stories
