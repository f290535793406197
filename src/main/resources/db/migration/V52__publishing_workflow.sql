-- The publishing workflow (migration-strategy.md: BookSubmission with workflow stages,
-- idx_book_submissions_stage, /api/publishing; Risk: "enforce valid transitions"). A submission
-- moves through the stages of org.lectern.publishing.Stage, one row lock at a time; every move
-- writes a history row in the same transaction (and an audit entry). At most one open submission
-- per book. Every key and index is led by tenant_id; row-level security comes from afterMigrate.sql.

CREATE TABLE book_submissions (
    tenant_id     uuid           NOT NULL REFERENCES tenants (id),
    id            uuid           NOT NULL,
    book_id       uuid           NOT NULL,
    stage         varchar(20)    NOT NULL DEFAULT 'draft',
    -- The writer: who made the submission (and may send it on from draft and needs_revision).
    submitted_by  uuid           NOT NULL,
    -- When it first left draft.
    submitted_at  timestamptz,
    -- The comment of the last move (a send-back or a rejection always has one).
    last_comment  varchar(2000),
    created_at    timestamptz    NOT NULL,
    updated_at    timestamptz    NOT NULL,
    version       bigint         NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, book_id) REFERENCES books (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, submitted_by) REFERENCES users (tenant_id, id),
    CONSTRAINT book_submissions_stage_check CHECK (stage IN ('draft', 'pending', 'story_review',
        'needs_revision', 'story_approved', 'format_review', 'content_review', 'approved',
        'published', 'rejected', 'archived'))
);
-- The seed's idx_book_submissions_stage, led by the tenant, in the queue's order.
CREATE INDEX idx_book_submissions_stage ON book_submissions (tenant_id, stage, created_at, id);
CREATE INDEX book_submissions_writer_idx ON book_submissions (tenant_id, submitted_by, created_at, id);
-- One open submission per book: a book is not reviewed twice at once.
CREATE UNIQUE INDEX book_submissions_open_key ON book_submissions (tenant_id, book_id)
    WHERE stage NOT IN ('published', 'rejected', 'archived');

-- Every move of a submission, oldest first (ids are time-ordered UUIDv7).
CREATE TABLE book_submission_history (
    tenant_id      uuid           NOT NULL REFERENCES tenants (id),
    id             uuid           NOT NULL,
    submission_id  uuid           NOT NULL,
    from_stage     varchar(20)    NOT NULL,
    to_stage       varchar(20)    NOT NULL,
    comment        varchar(2000),
    actor_id       uuid           NOT NULL,
    -- Set when the move was an approved request (the four-eyes last step): who asked for it.
    requested_by   uuid,
    at             timestamptz    NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, submission_id) REFERENCES book_submissions (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, actor_id) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, requested_by) REFERENCES users (tenant_id, id)
);
CREATE INDEX book_submission_history_idx ON book_submission_history (tenant_id, submission_id, id);

INSERT INTO permissions (resource, action, description) VALUES
    ('publishing', '*',              'every step of the publishing workflow'),
    ('publishing', 'read',           'see every submission of the school and its history (the reviewers'' queue)'),
    ('publishing', 'submit',         'make books of one''s own stories and submit them for review'),
    ('publishing', 'review-story',   'take submissions into story review, approve, send back or reject them'),
    ('publishing', 'review-format',  'format review: take approved stories on, send back or reject them'),
    ('publishing', 'review-content', 'content review: approve, send back or reject'),
    ('publishing', 'publish',        'publish approved submissions (needs someone else''s approval)'),
    ('publishing', 'approve',        'approve others'' requests to publish a book'),
    ('publishing', 'archive',        'archive a submission at any stage, withdrawing a published book');

INSERT INTO role_permissions (tenant_id, role_id, resource, action)
SELECT r.tenant_id, r.id, g.resource, g.action
  FROM roles r
  JOIN (VALUES ('teacher', 'publishing', 'submit')) AS g (role, resource, action)
    ON g.role = r.name AND r.is_system
ON CONFLICT DO NOTHING;
UPDATE tenants SET policy_version = policy_version + 1;
