-- Bench students of one school (reading.sh), made in SQL because POST /api/users hashes each
-- password (210,000 PBKDF2 rounds): students 1..:per, `student-NNNNN@reading.bench`, each a copy
-- of the API-made template student's row (same password hash, profile and token version; every
-- column the users table has today or later) under a new UUIDv7 id, with the template's roles.
-- Existing ones are skipped, so a run resumes. Run after functions.sql, in one transaction (-1).
--   psql -1 -v tid=<tenant id> -v per=<students> -v days=<back-dating> -f functions.sql -f reading-students.sql

SELECT count(*) AS before_count FROM users WHERE tenant_id = :'tid' \gset

WITH tpl AS (
  SELECT * FROM users WHERE tenant_id = :'tid' AND lower(email) = 'student-template@reading.bench'
), made AS (
  INSERT INTO users
  SELECT (jsonb_populate_record(NULL::users, to_jsonb(tpl) || jsonb_build_object(
           'id', pg_temp.uuidv7(now() - make_interval(days => :days) + g * interval '1 ms'),
           'email', format('student-%s@reading.bench', lpad(g::text, 5, '0')),
           'display_name', format('Reading Student %s', g),
           'created_at', now() - make_interval(days => :days),
           'updated_at', now() - make_interval(days => :days)))).*
  FROM tpl CROSS JOIN generate_series(1, :per) g
  ON CONFLICT (tenant_id, lower(email)) DO NOTHING
  RETURNING tenant_id, id
)
INSERT INTO user_roles (tenant_id, user_id, role_id)
SELECT made.tenant_id, made.id, r.role_id
FROM made
CROSS JOIN (SELECT ur.role_id FROM user_roles ur JOIN tpl ON ur.tenant_id = tpl.tenant_id AND ur.user_id = tpl.id) r;

-- Role assignments changed: the server rebuilds the school's access rules when the policy version
-- moves (org.lectern.access.TenantEnforcers), as it does after POST /api/users.
UPDATE tenants SET policy_version = policy_version + 1
WHERE id = :'tid' AND (SELECT count(*) FROM users WHERE tenant_id = :'tid') > :before_count;

SELECT count(*) - :before_count AS made FROM users WHERE tenant_id = :'tid';
