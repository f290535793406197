-- Teaching material (schema-guide.md, "Content Management", "Soft Delete Pattern", "Polymorphic
-- Associations", "Performance Considerations"): courses of ordered units of ordered lessons,
-- enrollments, story versions with chunks and cloze settings, audio assets and tags.

-- Text search configuration for a language code ('en', 'es-MX', ...): PostgreSQL's own where it
-- has one, else 'simple' (no stemming, no stop words), which still finds whole words.
CREATE FUNCTION lectern_search_config(language varchar) RETURNS regconfig
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT (CASE lower(split_part(language, '-', 1))
    WHEN 'ar' THEN 'pg_catalog.arabic'     WHEN 'hy' THEN 'pg_catalog.armenian'
    WHEN 'eu' THEN 'pg_catalog.basque'     WHEN 'ca' THEN 'pg_catalog.catalan'
    WHEN 'da' THEN 'pg_catalog.danish'     WHEN 'nl' THEN 'pg_catalog.dutch'
    WHEN 'en' THEN 'pg_catalog.english'    WHEN 'fi' THEN 'pg_catalog.finnish'
    WHEN 'fr' THEN 'pg_catalog.french'     WHEN 'de' THEN 'pg_catalog.german'
    WHEN 'el' THEN 'pg_catalog.greek'      WHEN 'hi' THEN 'pg_catalog.hindi'
    WHEN 'hu' THEN 'pg_catalog.hungarian'  WHEN 'id' THEN 'pg_catalog.indonesian'
    WHEN 'ga' THEN 'pg_catalog.irish'      WHEN 'it' THEN 'pg_catalog.italian'
    WHEN 'lt' THEN 'pg_catalog.lithuanian' WHEN 'ne' THEN 'pg_catalog.nepali'
    WHEN 'no' THEN 'pg_catalog.norwegian'  WHEN 'nb' THEN 'pg_catalog.norwegian'
    WHEN 'nn' THEN 'pg_catalog.norwegian'  WHEN 'pt' THEN 'pg_catalog.portuguese'
    WHEN 'ro' THEN 'pg_catalog.romanian'   WHEN 'ru' THEN 'pg_catalog.russian'
    WHEN 'sr' THEN 'pg_catalog.serbian'    WHEN 'es' THEN 'pg_catalog.spanish'
    WHEN 'sv' THEN 'pg_catalog.swedish'    WHEN 'ta' THEN 'pg_catalog.tamil'
    WHEN 'tr' THEN 'pg_catalog.turkish'    WHEN 'yi' THEN 'pg_catalog.yiddish'
    ELSE 'pg_catalog.simple' END)::regconfig
$$;

CREATE TABLE courses (
    tenant_id    uuid          NOT NULL REFERENCES tenants (id),
    id           uuid          NOT NULL,
    title        varchar(255)  NOT NULL,
    description  text,
    level        varchar(8)    NOT NULL,
    difficulty   varchar(32)   NOT NULL,
    language     varchar(16)   NOT NULL DEFAULT 'en',
    status       varchar(16)   NOT NULL DEFAULT 'draft',
    -- enrolled: only enrolled students read it; school: every student of the school does.
    audience     varchar(16)   NOT NULL DEFAULT 'enrolled',
    created_by   uuid          NOT NULL,
    created_at   timestamptz   NOT NULL DEFAULT now(),
    updated_at   timestamptz   NOT NULL DEFAULT now(),
    deleted_at   timestamptz,
    version      bigint        NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id),
    CONSTRAINT courses_title_not_blank CHECK (btrim(title) <> ''),
    CONSTRAINT courses_level_check CHECK (level IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')),
    CONSTRAINT courses_difficulty_check
        CHECK (difficulty IN ('beginner', 'elementary', 'intermediate', 'upper_intermediate', 'advanced')),
    CONSTRAINT courses_status_check CHECK (status IN ('draft', 'published', 'archived')),
    CONSTRAINT courses_audience_check CHECK (audience IN ('enrolled', 'school')),
    CONSTRAINT courses_language_check CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$')
);
CREATE INDEX courses_tenant_created_idx ON courses (tenant_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX courses_tenant_status_idx ON courses (tenant_id, status, created_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX courses_tenant_level_difficulty_idx ON courses (tenant_id, level, difficulty);

CREATE TABLE course_enrollments (
    tenant_id    uuid         NOT NULL,
    course_id    uuid         NOT NULL,
    user_id      uuid         NOT NULL,
    enrolled_by  uuid         NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, course_id, user_id),
    FOREIGN KEY (tenant_id, course_id) REFERENCES courses (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, enrolled_by) REFERENCES users (tenant_id, id)
);
-- Every access check reads the caller's courses.
CREATE INDEX course_enrollments_tenant_user_idx ON course_enrollments (tenant_id, user_id);

-- Positions are dense (1..n) within a course; the unique constraint is checked at commit, so a
-- reorder can move every row in one transaction.
CREATE TABLE units (
    tenant_id   uuid          NOT NULL,
    id          uuid          NOT NULL,
    course_id   uuid          NOT NULL,
    title       varchar(255)  NOT NULL,
    position    integer       NOT NULL,
    created_at  timestamptz   NOT NULL DEFAULT now(),
    updated_at  timestamptz   NOT NULL DEFAULT now(),
    version     bigint        NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, course_id) REFERENCES courses (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT units_course_id_key UNIQUE (tenant_id, course_id, id),
    CONSTRAINT units_position_key UNIQUE (tenant_id, course_id, position) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT units_title_not_blank CHECK (btrim(title) <> ''),
    CONSTRAINT units_position_check CHECK (position >= 1)
);

CREATE TABLE lessons (
    tenant_id          uuid          NOT NULL,
    id                 uuid          NOT NULL,
    course_id          uuid          NOT NULL,
    unit_id            uuid          NOT NULL,
    title              varchar(255)  NOT NULL,
    description        text,
    position           integer       NOT NULL,
    estimated_minutes  integer,
    -- Lessons (of the same tenant) to finish first; checked by the application, which also refuses
    -- cycles. Purging a lesson removes it from every list.
    prerequisites      uuid[]        NOT NULL DEFAULT '{}',
    status             varchar(16)   NOT NULL DEFAULT 'draft',
    published_at       timestamptz,
    created_by         uuid          NOT NULL,
    approved_by        uuid,
    created_at         timestamptz   NOT NULL DEFAULT now(),
    updated_at         timestamptz   NOT NULL DEFAULT now(),
    deleted_at         timestamptz,
    version            bigint        NOT NULL DEFAULT 0,
    search_vector      tsvector,
    PRIMARY KEY (tenant_id, id),
    -- The unit must belong to the lesson's course.
    FOREIGN KEY (tenant_id, course_id, unit_id) REFERENCES units (tenant_id, course_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, approved_by) REFERENCES users (tenant_id, id),
    CONSTRAINT lessons_position_key UNIQUE (tenant_id, unit_id, position) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT lessons_title_not_blank CHECK (btrim(title) <> ''),
    CONSTRAINT lessons_position_check CHECK (position >= 1),
    CONSTRAINT lessons_status_check CHECK (status IN ('draft', 'published', 'archived')),
    CONSTRAINT lessons_published_at_check CHECK (status <> 'published' OR published_at IS NOT NULL),
    CONSTRAINT lessons_estimated_minutes_check CHECK (estimated_minutes IS NULL OR estimated_minutes BETWEEN 1 AND 1440),
    CONSTRAINT lessons_prerequisites_check CHECK (NOT (id = ANY (prerequisites)))
);
CREATE INDEX lessons_tenant_course_unit_position_idx ON lessons (tenant_id, course_id, unit_id, position);
CREATE INDEX lessons_tenant_status_published_idx ON lessons (tenant_id, status, published_at);
CREATE INDEX lessons_prerequisites_idx ON lessons USING gin (prerequisites);
CREATE INDEX lessons_search_idx ON lessons USING gin (search_vector);

-- A lesson is searched in its course's language.
CREATE FUNCTION lessons_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    config regconfig;
BEGIN
    SELECT lectern_search_config(c.language) INTO config
      FROM courses c WHERE c.tenant_id = NEW.tenant_id AND c.id = NEW.course_id;
    NEW.search_vector := setweight(to_tsvector(coalesce(config, 'pg_catalog.simple'), NEW.title), 'A')
        || setweight(to_tsvector(coalesce(config, 'pg_catalog.simple'), coalesce(NEW.description, '')), 'B');
    RETURN NEW;
END
$$;
CREATE TRIGGER lessons_search_refresh BEFORE INSERT OR UPDATE OF title, description ON lessons
    FOR EACH ROW EXECUTE FUNCTION lessons_search_refresh();

-- Stories: their text moves into versions; the row keeps the metadata, which version is the latest
-- and which (if any) is published. word_count and chem_ratio describe the version readers get.
ALTER TABLE stories
    ADD COLUMN language           varchar(16) NOT NULL DEFAULT 'en',
    ADD COLUMN course_id          uuid,
    ADD COLUMN latest_version     integer     NOT NULL DEFAULT 1,
    ADD COLUMN published_version  integer,
    ADD COLUMN search_vector      tsvector,
    ADD CONSTRAINT stories_language_check CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
    ADD CONSTRAINT stories_course_needs_lesson CHECK (course_id IS NULL OR lesson_id IS NOT NULL);
-- No lessons existed before this migration.
UPDATE stories SET lesson_id = NULL WHERE lesson_id IS NOT NULL;
ALTER TABLE stories
    ADD CONSTRAINT stories_lesson_fkey FOREIGN KEY (tenant_id, lesson_id) REFERENCES lessons (tenant_id, id),
    ADD CONSTRAINT stories_course_fkey FOREIGN KEY (tenant_id, course_id) REFERENCES courses (tenant_id, id);
CREATE INDEX stories_tenant_course_idx ON stories (tenant_id, course_id) WHERE course_id IS NOT NULL;
CREATE INDEX stories_search_idx ON stories USING gin (search_vector);
-- The seed's (status, deleted_at) index, led by the tenant.
CREATE INDEX stories_tenant_status_deleted_idx ON stories (tenant_id, status, deleted_at);

CREATE TABLE story_versions (
    tenant_id       uuid           NOT NULL,
    id              uuid           NOT NULL,
    story_id        uuid           NOT NULL,
    version_number  integer        NOT NULL,
    content         text           NOT NULL,
    word_count      integer        NOT NULL,
    cheming_ratio   numeric(5, 4),
    cheming_scopes  jsonb,
    is_approved     boolean        NOT NULL DEFAULT false,
    is_published    boolean        NOT NULL DEFAULT false,
    -- The version this one was made from (an edit of it, or a restore of an old one).
    based_on        integer,
    created_by      uuid           NOT NULL,
    created_at      timestamptz    NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, story_id) REFERENCES stories (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id),
    CONSTRAINT story_versions_number_key UNIQUE (tenant_id, story_id, version_number),
    CONSTRAINT story_versions_story_id_key UNIQUE (tenant_id, story_id, id),
    CONSTRAINT story_versions_number_check CHECK (version_number >= 1),
    CONSTRAINT story_versions_word_count_check CHECK (word_count >= 0),
    CONSTRAINT story_versions_cheming_ratio_check CHECK (cheming_ratio IS NULL OR cheming_ratio BETWEEN 0 AND 1),
    CONSTRAINT story_versions_published_is_approved CHECK (NOT is_published OR is_approved)
);
-- At most one published version per story.
CREATE UNIQUE INDEX story_versions_one_published_key ON story_versions (tenant_id, story_id) WHERE is_published;

-- A version's text as ordered chunks (the seed's story_chunks; chunks belong to a version, so the
-- seed's (story_id, chunk_order) index becomes (version, order)).
CREATE TABLE story_chunks (
    tenant_id    uuid         NOT NULL,
    id           uuid         NOT NULL,
    version_id   uuid         NOT NULL,
    chunk_order  integer      NOT NULL,
    chunk_text   text         NOT NULL,
    type         varchar(16)  NOT NULL DEFAULT 'normal',
    word_count   integer      NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, version_id) REFERENCES story_versions (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT story_chunks_order_key UNIQUE (tenant_id, version_id, chunk_order),
    CONSTRAINT story_chunks_type_check CHECK (type IN ('normal', 'chem', 'explain')),
    CONSTRAINT story_chunks_text_not_blank CHECK (btrim(chunk_text) <> ''),
    CONSTRAINT story_chunks_order_check CHECK (chunk_order >= 1)
);

CREATE TABLE cloze_configs (
    tenant_id         uuid          NOT NULL,
    id                uuid          NOT NULL,
    story_version_id  uuid          NOT NULL,
    part_of_speech    varchar(16)   NOT NULL,
    ratio             numeric(5, 4) NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, story_version_id) REFERENCES story_versions (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT cloze_configs_part_key UNIQUE (tenant_id, story_version_id, part_of_speech),
    CONSTRAINT cloze_configs_ratio_check CHECK (ratio BETWEEN 0 AND 1),
    CONSTRAINT cloze_configs_part_check CHECK (part_of_speech IN
        ('noun', 'verb', 'adjective', 'adverb', 'pronoun', 'preposition', 'conjunction',
         'determiner', 'numeral', 'interjection'))
);

-- Each existing story's text becomes its version 1, in one chunk per blank-line-separated
-- paragraph (the seed's own data migration); a published story's version 1 is the published one.
INSERT INTO story_versions (tenant_id, id, story_id, version_number, content, word_count,
                            cheming_ratio, is_approved, is_published, created_by, created_at)
SELECT tenant_id, gen_random_uuid(), id, 1, content, word_count, chem_ratio,
       status = 'published', status = 'published', created_by, created_at
  FROM stories;
INSERT INTO story_chunks (tenant_id, id, version_id, chunk_order, chunk_text, type, word_count)
SELECT v.tenant_id, gen_random_uuid(), v.id, p.ord, btrim(p.text, E' \t\r\n'), 'normal',
       cardinality(regexp_split_to_array(btrim(p.text, E' \t\r\n'), '\s+'))
  FROM story_versions v
 CROSS JOIN LATERAL (
     SELECT t.text, row_number() OVER (ORDER BY t.n) AS ord
       FROM regexp_split_to_table(v.content, '\n[ \t\r]*\n') WITH ORDINALITY AS t (text, n)
      WHERE btrim(t.text, E' \t\r\n') <> '') p;
UPDATE stories SET published_version = 1 WHERE status = 'published';
ALTER TABLE stories
    DROP COLUMN content,
    ADD CONSTRAINT stories_published_version_check
        CHECK ((status = 'published') = (published_version IS NOT NULL));

-- The story's search text is its title and the text readers get: the published version, or the
-- latest while none is. Maintained here so that no write path can forget it.
CREATE FUNCTION stories_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    config regconfig := lectern_search_config(NEW.language);
    body text;
BEGIN
    SELECT v.content INTO body FROM story_versions v
     WHERE v.tenant_id = NEW.tenant_id AND v.story_id = NEW.id
       AND v.version_number = coalesce(NEW.published_version, NEW.latest_version);
    NEW.search_vector := setweight(to_tsvector(config, NEW.title), 'A')
        || setweight(to_tsvector(config, coalesce(body, '')), 'B');
    RETURN NEW;
END
$$;
CREATE TRIGGER stories_search_refresh
    BEFORE INSERT OR UPDATE OF title, language, latest_version, published_version ON stories
    FOR EACH ROW EXECUTE FUNCTION stories_search_refresh();
-- A version row may be written after the story row that points at it (same transaction).
CREATE FUNCTION story_versions_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE stories s SET latest_version = s.latest_version
     WHERE s.tenant_id = NEW.tenant_id AND s.id = NEW.story_id
       AND coalesce(s.published_version, s.latest_version) = NEW.version_number;
    RETURN NULL;
END
$$;
CREATE TRIGGER story_versions_search_refresh AFTER INSERT ON story_versions
    FOR EACH ROW EXECUTE FUNCTION story_versions_search_refresh();
UPDATE stories SET latest_version = latest_version;

CREATE TABLE audio_assets (
    tenant_id          uuid          NOT NULL,
    id                 uuid          NOT NULL,
    story_id           uuid,
    story_version_id   uuid,
    lesson_id          uuid,
    storage_key        varchar(255)  NOT NULL,
    content_type       varchar(64)   NOT NULL,
    size_bytes         bigint        NOT NULL,
    sha256             char(64)      NOT NULL,
    voice_type         varchar(16)   NOT NULL,
    duration_sec       integer,
    status             varchar(16)   NOT NULL DEFAULT 'draft',
    created_by         uuid          NOT NULL,
    recorded_by        uuid,
    created_at         timestamptz   NOT NULL DEFAULT now(),
    updated_at         timestamptz   NOT NULL DEFAULT now(),
    version            bigint        NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, story_id) REFERENCES stories (tenant_id, id) ON DELETE CASCADE,
    -- A version's audio belongs to that version's story.
    FOREIGN KEY (tenant_id, story_id, story_version_id)
        REFERENCES story_versions (tenant_id, story_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, lesson_id) REFERENCES lessons (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, recorded_by) REFERENCES users (tenant_id, id),
    CONSTRAINT audio_assets_storage_key UNIQUE (storage_key),
    CONSTRAINT audio_assets_one_owner CHECK (num_nonnulls(story_id, lesson_id) = 1),
    CONSTRAINT audio_assets_version_needs_story CHECK (story_version_id IS NULL OR story_id IS NOT NULL),
    CONSTRAINT audio_assets_voice_type_check CHECK (voice_type IN ('male', 'female', 'child')),
    CONSTRAINT audio_assets_status_check CHECK (status IN ('draft', 'processed', 'published')),
    CONSTRAINT audio_assets_size_check CHECK (size_bytes > 0),
    CONSTRAINT audio_assets_duration_check CHECK (duration_sec IS NULL OR duration_sec >= 0)
);
CREATE INDEX audio_assets_tenant_status_idx ON audio_assets (tenant_id, status);
CREATE INDEX audio_assets_tenant_story_idx ON audio_assets (tenant_id, story_id) WHERE story_id IS NOT NULL;
CREATE INDEX audio_assets_tenant_lesson_idx ON audio_assets (tenant_id, lesson_id) WHERE lesson_id IS NOT NULL;

CREATE TABLE tags (
    tenant_id   uuid         NOT NULL REFERENCES tenants (id),
    id          uuid         NOT NULL,
    name        varchar(50)  NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT tags_name_format CHECK (name ~ '^\S(.*\S)?$')
);
CREATE UNIQUE INDEX tags_tenant_name_key ON tags (tenant_id, lower(name));

CREATE TABLE story_tags (
    tenant_id   uuid  NOT NULL,
    story_id    uuid  NOT NULL,
    tag_id      uuid  NOT NULL,
    PRIMARY KEY (tenant_id, story_id, tag_id),
    FOREIGN KEY (tenant_id, story_id) REFERENCES stories (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, tag_id) REFERENCES tags (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX story_tags_tenant_tag_idx ON story_tags (tenant_id, tag_id, story_id);

-- Rights. Hard delete ("purge") is its own right, which only admins hold (admin: *).
INSERT INTO permissions (resource, action, description) VALUES
    ('course', '*',       'every action on courses, their units and enrollments'),
    ('course', 'create',  'create courses'),
    ('course', 'read',    'read courses'),
    ('course', 'update',  'edit courses and their units'),
    ('course', 'delete',  'delete courses (they can be restored)'),
    ('course', 'publish', 'publish and archive courses'),
    ('course', 'enroll',  'enrol students in courses'),
    ('course', 'restore', 'restore deleted courses'),
    ('course', 'purge',   'delete courses for good'),
    ('lesson', '*',       'every action on lessons'),
    ('lesson', 'create',  'create lessons'),
    ('lesson', 'read',    'read lessons'),
    ('lesson', 'update',  'edit lessons'),
    ('lesson', 'delete',  'delete lessons (they can be restored)'),
    ('lesson', 'publish', 'publish and archive lessons'),
    ('lesson', 'approve', 'decide requests to publish lessons'),
    ('lesson', 'restore', 'restore deleted lessons'),
    ('lesson', 'purge',   'delete lessons for good'),
    ('story',  'purge',   'delete stories for good'),
    ('tag',    '*',       'every action on tags'),
    ('tag',    'read',    'read the school''s tags'),
    ('tag',    'create',  'create tags'),
    ('tag',    'manage',  'rename and delete tags');

-- Existing tenants get what new ones get from policies/roles.csv and default-policies.json.
INSERT INTO role_permissions (tenant_id, role_id, resource, action)
SELECT r.tenant_id, r.id, g.resource, g.action
  FROM roles r
  JOIN (VALUES ('teacher', 'course', 'create'), ('teacher', 'course', 'read'),
               ('teacher', 'lesson', 'read'), ('teacher', 'tag', 'read'),
               ('teacher', 'tag', 'create'), ('student', 'tag', 'read')) AS g (role, resource, action)
    ON g.role = r.name AND r.is_system
ON CONFLICT DO NOTHING;

INSERT INTO resource_policies (tenant_id, id, name, description, resource, actions, conditions, effect, priority)
SELECT t.id, gen_random_uuid(), p.name, p.description, p.resource, p.actions, p.conditions::jsonb, 'allow', 0
  FROM tenants t
 CROSS JOIN (VALUES
    ('open-and-enrolled-courses-are-readable',
     'A published course is readable by its enrolled students, or by everyone when it is open to the whole school.',
     'course', ARRAY['read'],
     '[{"field": "resource.status", "operator": "eq", "value": "published"}, {"or": [{"field": "resource.audience", "operator": "eq", "value": "school"}, {"field": "user.courses", "operator": "contains", "value": "resource.id"}]}]'),
    ('teachers-build-their-own-courses',
     'A teacher may edit, delete, publish and enrol students in the courses they created.',
     'course', ARRAY['update', 'delete', 'publish', 'enroll'],
     '[{"field": "user.roles", "operator": "contains", "value": "teacher"}, {"field": "resource.createdBy", "operator": "eq", "value": "user.id"}]'),
    ('published-lessons-of-readable-courses',
     'A published lesson of a published course is readable by the course''s enrolled students, or by everyone when the course is open to the whole school.',
     'lesson', ARRAY['read'],
     '[{"field": "resource.status", "operator": "eq", "value": "published"}, {"field": "resource.courseStatus", "operator": "eq", "value": "published"}, {"or": [{"field": "resource.courseAudience", "operator": "eq", "value": "school"}, {"field": "user.courses", "operator": "contains", "value": "resource.courseId"}]}]'),
    ('teachers-build-lessons-of-their-own-courses',
     'A teacher may add, edit, delete and publish lessons in the courses they created.',
     'lesson', ARRAY['create', 'update', 'delete', 'publish'],
     '[{"field": "user.roles", "operator": "contains", "value": "teacher"}, {"field": "resource.courseCreatedBy", "operator": "eq", "value": "user.id"}]')
 ) AS p (name, description, resource, actions, conditions)
ON CONFLICT (tenant_id, name) DO NOTHING;

-- A published story outside any course stays readable by everyone; one in a course is readable
-- where its lesson is.
UPDATE resource_policies
   SET description = 'A published story is readable by everyone when it belongs to no course, else by whoever may read its published lesson.',
       conditions = '[{"field": "resource.status", "operator": "eq", "value": "published"}, {"or": [{"field": "resource.courseId", "operator": "eq", "value": null}, {"and": [{"field": "resource.lessonStatus", "operator": "eq", "value": "published"}, {"field": "resource.courseStatus", "operator": "eq", "value": "published"}, {"or": [{"field": "resource.courseAudience", "operator": "eq", "value": "school"}, {"field": "user.courses", "operator": "contains", "value": "resource.courseId"}]}]}]}]',
       updated_at = now(), version = version + 1
 WHERE name = 'published-stories-are-readable';
UPDATE tenants SET policy_version = policy_version + 1;
