-- pgbench (c): the insert transaction a story creation needs: the story, its version 1, its
-- chunks and its audit entry (audit_append, which locks the tenant's chain head), with ids the
-- client makes (as Lectern makes UUIDv7 ids in Java). :tenant and :teacher come from -D.
\set r random(1, 9223372036854775807)
BEGIN;
-- The tenant bound as Lectern binds it (audit_append refuses a chain that is not the bound one).
SELECT set_config('lectern.tenant_id', CAST(:tenant AS text), true);
INSERT INTO stories (tenant_id, id, title, story_type, difficulty, word_count, chem_ratio, status,
                     created_by, created_at, updated_at, version, language, latest_version)
VALUES (:tenant, md5(CAST(:r AS text) || 's')::uuid, 'A bench story', 'original', 'elementary', 11, 0, 'draft',
        :teacher, now(), now(), 1, 'en', 1);
INSERT INTO story_versions (tenant_id, id, story_id, version_number, content, word_count,
                            cheming_ratio, is_approved, is_published, created_by, created_at)
VALUES (:tenant, md5(CAST(:r AS text) || 'v')::uuid, md5(CAST(:r AS text) || 's')::uuid, 1,
        E'The fox read a book.\n\nThen it slept under the old tree.', 11, 0, false, false, :teacher, now());
INSERT INTO story_chunks (tenant_id, id, version_id, chunk_order, chunk_text, type, word_count)
VALUES (:tenant, md5(CAST(:r AS text) || 'c1')::uuid, md5(CAST(:r AS text) || 'v')::uuid, 1, 'The fox read a book.', 'normal', 5),
       (:tenant, md5(CAST(:r AS text) || 'c2')::uuid, md5(CAST(:r AS text) || 'v')::uuid, 2, 'Then it slept under the old tree.', 'normal', 6);
SELECT audit_append(:tenant, md5(CAST(:r AS text) || 'a')::uuid, 'user', :teacher, 'teacher@bench.test', NULL, NULL,
                    'CREATE', 'story', md5(CAST(:r AS text) || 's')::uuid, NULL,
                    jsonb_build_object('title', 'A bench story', 'storyType', 'original',
                                       'difficulty', 'elementary', 'language', 'en', 'status', 'draft',
                                       'wordCount', 11, 'chemRatio', 0, 'latestVersion', 1),
                    'bench-request', '127.0.0.1');
COMMIT;
