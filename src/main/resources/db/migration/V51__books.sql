-- Books (migration-strategy.md "Book Table"): a catalogue entry over a story, one per story. The
-- text, its versions, chunks and audio stay the story's (content, media); the book keeps the
-- seed's catalogue fields. has_quiz, has_vocabulary, has_audio, has_activities, is_interactive,
-- word_count and reading_time are not columns: they are facts of other capabilities' tables,
-- computed when a book is read through the services that own them (see PublishingFacts), so no
-- event can be missed and no client can set them. avg_rating is kept as an exact sum and count.
-- Every key and index is led by tenant_id; row-level security comes from afterMigrate.sql.

CREATE TABLE books (
    tenant_id          uuid           NOT NULL REFERENCES tenants (id),
    id                 uuid           NOT NULL,
    story_id           uuid           NOT NULL,
    title              varchar(255)   NOT NULL,
    description        varchar(2000),
    isbn               varchar(20),
    -- draft, in_review, published, rejected, archived: follows the book's latest submission.
    publishing_status  varchar(20)    NOT NULL DEFAULT 'draft',
    published_at       timestamptz,
    grade_level        text[]         NOT NULL DEFAULT '{}',
    curriculum         text[]         NOT NULL DEFAULT '{}',
    -- free, premium, restricted: what ABAC rules may read as resource.accessType.
    access_type        varchar(20)    NOT NULL DEFAULT 'free',
    -- Atomic increments (UPDATE ... SET view_count = view_count + 1), never read-modify-write.
    view_count         bigint         NOT NULL DEFAULT 0,
    read_count         bigint         NOT NULL DEFAULT 0,
    -- avgRating = rating_sum / total_ratings, exact: both move in the statement that upserts a rating.
    rating_sum         bigint         NOT NULL DEFAULT 0,
    total_ratings      integer        NOT NULL DEFAULT 0,
    -- The story's language decides the text search configuration (lectern_search_config, V8).
    language           varchar(16)    NOT NULL DEFAULT 'en',
    -- Title (A) and the story's readable text (B), taken when the book is made and at each step
    -- of its submission; searched like stories (websearch_to_tsquery, ts_rank_cd).
    search_vector      tsvector,
    created_by         uuid           NOT NULL,
    created_at         timestamptz    NOT NULL,
    updated_at         timestamptz    NOT NULL,
    version            bigint         NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT books_story_key UNIQUE (tenant_id, story_id),
    FOREIGN KEY (tenant_id, story_id) REFERENCES stories (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id),
    CONSTRAINT books_title_not_blank CHECK (btrim(title) <> ''),
    CONSTRAINT books_status_check
        CHECK (publishing_status IN ('draft', 'in_review', 'published', 'rejected', 'archived')),
    CONSTRAINT books_published_at_check CHECK (publishing_status <> 'published' OR published_at IS NOT NULL),
    CONSTRAINT books_access_type_check CHECK (access_type IN ('free', 'premium', 'restricted')),
    CONSTRAINT books_isbn_format CHECK (isbn IS NULL OR isbn ~ '^[0-9X-]{10,20}$'),
    CONSTRAINT books_counts_check CHECK (view_count >= 0 AND read_count >= 0 AND total_ratings >= 0
        AND rating_sum BETWEEN total_ratings AND 5 * total_ratings),
    CONSTRAINT books_language_check CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$')
);
-- The list: newest first, per status (students' list is the published books).
CREATE INDEX books_list_idx ON books (tenant_id, publishing_status, created_at DESC, id DESC);
-- The seed's idx_books_title_gin and idx_books_content_gin, as one weighted vector.
CREATE INDEX books_search_idx ON books USING gin (search_vector);
CREATE INDEX books_grade_level_idx ON books USING gin (grade_level);
CREATE INDEX books_curriculum_idx ON books USING gin (curriculum);

-- One rating per user and book, changeable: the upsert moves books.rating_sum by the difference.
CREATE TABLE book_ratings (
    tenant_id  uuid         NOT NULL REFERENCES tenants (id),
    book_id    uuid         NOT NULL,
    user_id    uuid         NOT NULL,
    rating     smallint     NOT NULL,
    rated_at   timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, book_id, user_id),
    FOREIGN KEY (tenant_id, book_id) REFERENCES books (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT book_ratings_rating_check CHECK (rating BETWEEN 1 AND 5)
);

INSERT INTO permissions (resource, action, description) VALUES
    ('book', '*',    'every action on books'),
    ('book', 'read', 'read every book of the school, drafts included'),
    ('book', 'rate', 'rate the published books one may read');

-- Existing tenants get what new ones get from policies/roles.csv.
INSERT INTO role_permissions (tenant_id, role_id, resource, action)
SELECT r.tenant_id, r.id, g.resource, g.action
  FROM roles r
  JOIN (VALUES ('teacher', 'book', 'rate'),
               ('student', 'book', 'rate')) AS g (role, resource, action)
    ON g.role = r.name AND r.is_system
ON CONFLICT DO NOTHING;
UPDATE tenants SET policy_version = policy_version + 1;

-- Existing tenants get the default ABAC rules new ones get from policies/default-policies.json.
INSERT INTO resource_policies (tenant_id, id, name, description, resource, actions, conditions, effect, priority)
SELECT t.id, gen_random_uuid(), p.name, p.description, 'book', '{read}', p.conditions::jsonb, 'allow', 0
  FROM tenants t
 CROSS JOIN (VALUES
     ('published-books-are-readable', 'A published book is readable by everyone in the school.',
      '[{"field": "resource.status", "operator": "eq", "value": "published"}]'),
     ('writers-read-their-own-books', 'A writer reads the books they made, drafts included.',
      '[{"field": "resource.createdBy", "operator": "eq", "value": "user.id"}]')
 ) AS p (name, description, conditions)
 WHERE t.id <> '00000000-0000-0000-0000-000000000000'
ON CONFLICT DO NOTHING;
