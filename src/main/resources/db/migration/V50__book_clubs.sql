-- Book clubs (migration-strategy.md: Discussion, DiscussionPost, idx_discussions_club,
-- /api/discussions): a classroom's discussions of a story, and their threaded posts. The seed's
-- club is the classroom itself, so club_id is classroom_id here. Every key and index is led by
-- tenant_id; row-level security comes from afterMigrate.sql like every tenant table's.

CREATE TABLE discussions (
    tenant_id     uuid           NOT NULL REFERENCES tenants (id),
    id            uuid           NOT NULL,
    classroom_id  uuid           NOT NULL,
    -- The story discussed, readable by whoever started the discussion. Not a foreign key, like an
    -- assignment's target: the club's conversation outlives the story being purged.
    story_id      uuid           NOT NULL,
    title         varchar(200)   NOT NULL,
    prompt        varchar(2000),
    created_by    uuid           NOT NULL,
    created_at    timestamptz    NOT NULL,
    -- Locked: no new posts, no edits (moderators' act).
    locked_at     timestamptz,
    locked_by     uuid,
    -- Pinned discussions come first in the list.
    pinned_at     timestamptz,
    pinned_by     uuid,
    -- Kept by the same statement that refuses a post to a locked discussion.
    post_count    integer        NOT NULL DEFAULT 0,
    last_post_at  timestamptz,
    version       bigint         NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, classroom_id) REFERENCES classrooms (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, locked_by) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, pinned_by) REFERENCES users (tenant_id, id),
    CONSTRAINT discussions_title_not_blank CHECK (btrim(title) <> ''),
    CONSTRAINT discussions_locked_check CHECK ((locked_at IS NULL) = (locked_by IS NULL)),
    CONSTRAINT discussions_pinned_check CHECK ((pinned_at IS NULL) = (pinned_by IS NULL)),
    CONSTRAINT discussions_post_count_check CHECK (post_count >= 0)
);
-- The seed's idx_discussions_club, led by the tenant, in the list's order: pinned first, then newest.
CREATE INDEX idx_discussions_club
    ON discussions (tenant_id, classroom_id, (pinned_at IS NOT NULL), created_at, id);

-- A post, or a reply to a post of the same discussion. path holds the ids from the thread's top
-- post down to this one, so ordering by it is thread order: a post, then its replies, each level
-- oldest first (ids are time-ordered UUIDv7).
CREATE TABLE discussion_posts (
    tenant_id      uuid           NOT NULL REFERENCES tenants (id),
    id             uuid           NOT NULL,
    discussion_id  uuid           NOT NULL,
    parent_id      uuid,
    path           uuid[]         NOT NULL,
    author_id      uuid           NOT NULL,
    -- Plain text as the author wrote it; never rendered, answered as JSON.
    body           varchar(4000)  NOT NULL,
    -- The classroom members the body mentions (@handle), resolved when it was written.
    mentions       uuid[]         NOT NULL DEFAULT '{}',
    created_at     timestamptz    NOT NULL,
    edited_at      timestamptz,
    -- Deleted by its author: stays in the thread, its text no longer shown.
    deleted_at     timestamptz,
    -- Hidden by a moderator: its text shown to moderators only.
    hidden_at      timestamptz,
    hidden_by      uuid,
    -- Pinned top-level posts (with their replies) come first in the thread.
    pinned_at      timestamptz,
    pinned_by      uuid,
    version        bigint         NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, id),
    -- What a reply names: its parent together with the discussion.
    CONSTRAINT discussion_posts_discussion_key UNIQUE (tenant_id, discussion_id, id),
    FOREIGN KEY (tenant_id, discussion_id) REFERENCES discussions (tenant_id, id) ON DELETE CASCADE,
    -- A reply is in its parent's discussion: the database, not only the service, says so.
    FOREIGN KEY (tenant_id, discussion_id, parent_id)
        REFERENCES discussion_posts (tenant_id, discussion_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, hidden_by) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, pinned_by) REFERENCES users (tenant_id, id),
    CONSTRAINT discussion_posts_body_not_blank CHECK (btrim(body) <> ''),
    CONSTRAINT discussion_posts_path_check CHECK (
        cardinality(path) BETWEEN 1 AND 8 AND path[cardinality(path)] = id
        AND (parent_id IS NULL) = (cardinality(path) = 1)
        AND (parent_id IS NULL OR path[cardinality(path) - 1] = parent_id)),
    CONSTRAINT discussion_posts_hidden_check CHECK ((hidden_at IS NULL) = (hidden_by IS NULL)),
    CONSTRAINT discussion_posts_pinned_check CHECK (
        (pinned_at IS NULL) = (pinned_by IS NULL) AND (pinned_at IS NULL OR parent_id IS NULL))
);
-- A discussion's posts in thread order.
CREATE INDEX discussion_posts_thread_idx ON discussion_posts (tenant_id, discussion_id, path);

INSERT INTO permissions (resource, action, description) VALUES
    ('discussion', '*',        'every action on book club discussions'),
    ('discussion', 'read',     'read the discussions and posts of the classrooms one belongs to'),
    ('discussion', 'create',   'start a discussion of a story in a classroom one belongs to'),
    ('discussion', 'post',     'post and reply in discussions, edit and delete one''s own posts'),
    ('discussion', 'moderate', 'hide posts, lock and pin in the classrooms one manages');

-- Existing tenants get what new ones get from policies/roles.csv.
INSERT INTO role_permissions (tenant_id, role_id, resource, action)
SELECT r.tenant_id, r.id, g.resource, g.action
  FROM roles r
  JOIN (VALUES ('teacher', 'discussion', 'read'),
               ('teacher', 'discussion', 'create'),
               ('teacher', 'discussion', 'post'),
               ('teacher', 'discussion', 'moderate'),
               ('student', 'discussion', 'read'),
               ('student', 'discussion', 'post')) AS g (role, resource, action)
    ON g.role = r.name AND r.is_system
ON CONFLICT DO NOTHING;
UPDATE tenants SET policy_version = policy_version + 1;
