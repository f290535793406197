-- The learning record (issue 14; migration-strategy.md: ReadingSession, the learner fields on users,
-- check_percent, update_reading_progress / update_user_stats; schema-guide.md "Learning Analytics":
-- UserProgress, LearningSession). What a reader app reports is kept as events; everything else here
-- is derived from them by org.lectern.learning.ReadingRecord, by rules that give the same record
-- whatever order, and however often, the events arrive. The seed's triggers are replaced by that
-- service: one rule in one place, see README "The learning record".

-- Days are a student's local days: their own IANA time zone, or their school's.
ALTER TABLE tenants ADD COLUMN time_zone varchar(64) NOT NULL DEFAULT 'UTC';
ALTER TABLE users
    ADD COLUMN time_zone varchar(64),
    -- When current_streak lapses: the start of the second local day after the last day read.
    ADD COLUMN streak_lapses_at timestamptz;

-- What the reader app sent, once per client event id (a retry is the same event).
CREATE TABLE reading_events (
    tenant_id       uuid         NOT NULL REFERENCES tenants (id),
    user_id         uuid         NOT NULL,
    event_id        uuid         NOT NULL,
    story_id        uuid         NOT NULL,
    version_number  integer      NOT NULL,
    chunk           integer      NOT NULL,
    total_chunks    integer      NOT NULL,
    occurred_at     timestamptz  NOT NULL,
    seconds_read    integer      NOT NULL,
    interactions    integer      NOT NULL,
    received_at     timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, user_id, event_id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, story_id) REFERENCES stories (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT reading_events_position_check
        CHECK (version_number >= 1 AND chunk >= 1 AND total_chunks >= chunk),
    CONSTRAINT reading_events_amounts_check CHECK (seconds_read >= 0 AND interactions >= 0)
);
-- A student's events in time: sessions and local days are rebuilt from them.
CREATE INDEX reading_events_user_time_idx ON reading_events (tenant_id, user_id, occurred_at);
CREATE INDEX reading_events_story_idx ON reading_events (tenant_id, story_id);

-- The seed's ReadingSession (user, story) progress: the furthest position, and when it was reached.
CREATE TABLE reading_progress (
    tenant_id         uuid         NOT NULL REFERENCES tenants (id),
    user_id           uuid         NOT NULL,
    story_id          uuid         NOT NULL,
    -- The furthest position read: the event with the highest percent (then version, then chunk).
    version_number    integer      NOT NULL,
    furthest_chunk    integer      NOT NULL,
    total_chunks      integer      NOT NULL,
    percent_complete  smallint     NOT NULL,
    first_read_at     timestamptz  NOT NULL,
    last_read_at      timestamptz  NOT NULL,
    -- The earliest moment the story was read to its end; null until then.
    completed_at      timestamptz,
    seconds_read      bigint       NOT NULL,
    events            integer      NOT NULL,
    updated_at        timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, user_id, story_id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, story_id) REFERENCES stories (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT check_percent CHECK (percent_complete >= 0 AND percent_complete <= 100),
    CONSTRAINT reading_progress_completed_check CHECK ((percent_complete = 100) = (completed_at IS NOT NULL)),
    CONSTRAINT reading_progress_position_check CHECK (furthest_chunk >= 1 AND total_chunks >= furthest_chunk),
    CONSTRAINT reading_progress_amounts_check CHECK (seconds_read >= 0 AND events >= 1)
);
CREATE INDEX reading_progress_story_idx ON reading_progress (tenant_id, story_id);

-- The local days a student read on, and for how long: streaks and "minutes this week" come from here.
CREATE TABLE reading_days (
    tenant_id     uuid     NOT NULL REFERENCES tenants (id),
    user_id       uuid     NOT NULL,
    day           date     NOT NULL,
    seconds_read  bigint   NOT NULL,
    PRIMARY KEY (tenant_id, user_id, day),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT reading_days_seconds_check CHECK (seconds_read >= 0)
);

-- The seed's LearningSession: events no more than a gap of inactivity apart (ReadingRecord.SESSION_GAP).
CREATE TABLE learning_sessions (
    tenant_id     uuid         NOT NULL REFERENCES tenants (id),
    id            uuid         NOT NULL,
    user_id       uuid         NOT NULL,
    started_at    timestamptz  NOT NULL,
    ended_at      timestamptz  NOT NULL,
    seconds_spent bigint       NOT NULL,
    interactions  bigint       NOT NULL,
    events        integer      NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT learning_sessions_span_check CHECK (ended_at >= started_at),
    CONSTRAINT learning_sessions_amounts_check
        CHECK (seconds_spent >= 0 AND interactions >= 0 AND events >= 1)
);
-- The seed's (user, started_at), led by the tenant; and by end, to find the sessions a new event touches.
CREATE INDEX learning_sessions_user_started_idx ON learning_sessions (tenant_id, user_id, started_at);
CREATE INDEX learning_sessions_user_ended_idx ON learning_sessions (tenant_id, user_id, ended_at);

-- The seed's UserProgress per lesson.
CREATE TABLE user_progress (
    tenant_id     uuid         NOT NULL REFERENCES tenants (id),
    user_id       uuid         NOT NULL,
    lesson_id     uuid         NOT NULL,
    status        varchar(16)  NOT NULL,
    started_at    timestamptz  NOT NULL,
    completed_at  timestamptz,
    -- reading: its stories were read to the end; marked: completed by POST /api/lessons/{id}/complete.
    completed_by  varchar(16),
    updated_at    timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, user_id, lesson_id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, lesson_id) REFERENCES lessons (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT user_progress_status_check CHECK (status IN ('not_started', 'in_progress', 'completed')),
    CONSTRAINT user_progress_completed_check
        CHECK ((status = 'completed') = (completed_at IS NOT NULL AND completed_by IS NOT NULL)),
    CONSTRAINT user_progress_completed_by_check CHECK (completed_by IN ('reading', 'marked'))
);
-- The seed's (user, status), led by the tenant.
CREATE INDEX user_progress_user_status_idx ON user_progress (tenant_id, user_id, status);

INSERT INTO permissions (resource, action, description) VALUES
    ('reading-progress', '*',      'every action on one''s own reading record'),
    ('reading-progress', 'read',   'read one''s own reading progress, sessions and lesson progress'),
    ('reading-progress', 'create', 'report one''s own reading and complete lessons'),
    ('learning-record',  '*',      'every action on the school''s learning records'),
    ('learning-record',  'read',   'read any learner''s record in the school (teachers read their students'' through their classrooms)');

-- Existing tenants get what new ones get from policies/roles.csv.
INSERT INTO role_permissions (tenant_id, role_id, resource, action)
SELECT r.tenant_id, r.id, g.resource, g.action
  FROM roles r
  JOIN (VALUES ('teacher', 'reading-progress', 'read'),
               ('teacher', 'reading-progress', 'create'),
               ('student', 'reading-progress', 'read'),
               ('student', 'reading-progress', 'create')) AS g (role, resource, action)
    ON g.role = r.name AND r.is_system
ON CONFLICT DO NOTHING;
UPDATE tenants SET policy_version = policy_version + 1;
