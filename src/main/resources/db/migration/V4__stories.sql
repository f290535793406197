-- Stories, the first tenant-scoped content (schema-guide.md, "Story Embedding System").

CREATE TABLE stories (
    tenant_id          uuid          NOT NULL,
    id                 uuid          NOT NULL,
    lesson_id          uuid,
    title              varchar(255)  NOT NULL,
    content            text          NOT NULL,
    story_type         varchar(16)   NOT NULL DEFAULT 'original',
    difficulty         varchar(16)   NOT NULL,
    estimated_minutes  integer,
    word_count         integer       NOT NULL DEFAULT 0,
    chem_ratio         numeric(5, 4),
    status             varchar(16)   NOT NULL DEFAULT 'draft',
    created_by         uuid          NOT NULL,
    created_at         timestamptz   NOT NULL DEFAULT now(),
    updated_at         timestamptz   NOT NULL DEFAULT now(),
    deleted_at         timestamptz,
    version            bigint        NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id),
    FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id),
    CONSTRAINT stories_title_not_blank CHECK (btrim(title) <> ''),
    CONSTRAINT stories_story_type_check CHECK (story_type IN ('original', 'adapted', 'generated')),
    CONSTRAINT stories_difficulty_check
        CHECK (difficulty IN ('beginner', 'elementary', 'intermediate', 'upper_intermediate', 'advanced')),
    CONSTRAINT stories_status_check CHECK (status IN ('draft', 'published', 'archived')),
    CONSTRAINT stories_estimated_minutes_check CHECK (estimated_minutes IS NULL OR estimated_minutes BETWEEN 1 AND 1440),
    CONSTRAINT stories_word_count_check CHECK (word_count >= 0),
    CONSTRAINT stories_chem_ratio_check CHECK (chem_ratio IS NULL OR chem_ratio BETWEEN 0 AND 1)
);
-- Lists are newest first with a (created_at, id) keyset cursor; soft-deleted rows never listed.
CREATE INDEX stories_tenant_created_idx ON stories (tenant_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX stories_tenant_status_idx ON stories (tenant_id, status, created_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX stories_tenant_type_difficulty_idx ON stories (tenant_id, story_type, difficulty);
CREATE INDEX stories_tenant_lesson_idx ON stories (tenant_id, lesson_id) WHERE lesson_id IS NOT NULL;
CREATE INDEX stories_tenant_creator_idx ON stories (tenant_id, created_by);
