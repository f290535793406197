-- Vocabulary (migration-strategy.md: VocabularyWord, BookVocabulary, check_mastery,
-- idx_vocabulary_mastery; schema-guide.md: UserVocabularyProgress): the words a teacher defines
-- for a story, the words each student collects, and the student's reviews, scheduled by SM-2
-- (org.lectern.learning.Sm2). Every key and index is led by tenant_id; row-level security comes
-- from afterMigrate.sql like every tenant table's.

CREATE TABLE story_vocabulary (
    tenant_id       uuid           NOT NULL REFERENCES tenants (id),
    id              uuid           NOT NULL,
    story_id        uuid           NOT NULL,
    word            varchar(100)   NOT NULL,
    definition      varchar(1000)  NOT NULL,
    part_of_speech  varchar(32),
    example         varchar(1000),
    created_by      uuid           NOT NULL,
    created_at      timestamptz    NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, story_id) REFERENCES stories (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id),
    CONSTRAINT story_vocabulary_word_format CHECK (word ~ '^\S(.*\S)?$')
);
-- One definition of a word per story, whatever its case.
CREATE UNIQUE INDEX story_vocabulary_word_key ON story_vocabulary (tenant_id, story_id, lower(word));

-- A student's word. story_id and story_vocabulary_id say where it was collected from; the word stays
-- the student's when that story or definition goes, so they are not foreign keys.
CREATE TABLE vocabulary_words (
    tenant_id            uuid           NOT NULL REFERENCES tenants (id),
    id                   uuid           NOT NULL,
    user_id              uuid           NOT NULL,
    word                 varchar(100)   NOT NULL,
    definition           varchar(1000),
    story_id             uuid,
    story_vocabulary_id  uuid,
    mastery              smallint       NOT NULL DEFAULT 0,
    repetitions          integer        NOT NULL DEFAULT 0,
    interval_days        integer        NOT NULL DEFAULT 0,
    ease                 numeric(4, 2)  NOT NULL DEFAULT 2.50,
    reviews              integer        NOT NULL DEFAULT 0,
    due_at               timestamptz    NOT NULL,
    last_reviewed_at     timestamptz,
    created_at           timestamptz    NOT NULL,
    version              bigint         NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
    -- What a review names: a word together with its owner.
    CONSTRAINT vocabulary_words_owner_key UNIQUE (tenant_id, user_id, id),
    CONSTRAINT check_mastery CHECK (mastery >= 0 AND mastery <= 100),
    CONSTRAINT vocabulary_words_schedule_check
        CHECK (repetitions >= 0 AND interval_days >= 0 AND ease >= 1.30 AND reviews >= 0),
    CONSTRAINT vocabulary_words_word_format CHECK (word ~ '^\S(.*\S)?$')
);
-- A student collects a word once, whatever its case.
CREATE UNIQUE INDEX vocabulary_words_user_word_key ON vocabulary_words (tenant_id, user_id, lower(word));
-- The seed's idx_vocabulary_mastery, led by the tenant.
CREATE INDEX vocabulary_words_mastery_idx ON vocabulary_words (tenant_id, user_id, mastery);
-- What is due for review now, in the order it fell due.
CREATE INDEX vocabulary_words_due_idx ON vocabulary_words (tenant_id, user_id, due_at, id);

-- Each review once: the client's review id makes a retried review count once.
CREATE TABLE vocabulary_reviews (
    tenant_id    uuid         NOT NULL REFERENCES tenants (id),
    user_id      uuid         NOT NULL,
    review_id    uuid         NOT NULL,
    word_id      uuid         NOT NULL,
    grade        smallint     NOT NULL,
    reviewed_at  timestamptz  NOT NULL,
    PRIMARY KEY (tenant_id, user_id, review_id),
    -- A review belongs to the word's owner: the database, not only the service, says so.
    FOREIGN KEY (tenant_id, user_id, word_id)
        REFERENCES vocabulary_words (tenant_id, user_id, id) ON DELETE CASCADE,
    CONSTRAINT vocabulary_reviews_grade_check CHECK (grade BETWEEN 0 AND 5)
);
CREATE INDEX vocabulary_reviews_word_idx ON vocabulary_reviews (tenant_id, word_id, reviewed_at);

INSERT INTO permissions (resource, action, description) VALUES
    ('vocabulary', '*',      'every action on one''s own vocabulary'),
    ('vocabulary', 'read',   'read one''s own vocabulary and review schedule'),
    ('vocabulary', 'create', 'collect words and review them');

-- Existing tenants get what new ones get from policies/roles.csv.
INSERT INTO role_permissions (tenant_id, role_id, resource, action)
SELECT r.tenant_id, r.id, g.resource, g.action
  FROM roles r
  JOIN (VALUES ('teacher', 'vocabulary', 'read'),
               ('teacher', 'vocabulary', 'create'),
               ('student', 'vocabulary', 'read'),
               ('student', 'vocabulary', 'create')) AS g (role, resource, action)
    ON g.role = r.name AND r.is_system
ON CONFLICT DO NOTHING;
UPDATE tenants SET policy_version = policy_version + 1;
