-- AI jobs (issue 16; migration-strategy.md: AIGeneratedImage, TTSRequest, AIGeneratedContent,
-- /api/ai-content): illustrations, speech and teaching material made by a provider, run as jobs
-- that live here, so they survive a restart and every node shares the work. Every key and index a
-- request uses is led by tenant_id; the two indexes the worker's claim uses are not, because the
-- claim looks across schools (see ai_claim_jobs below).

CREATE TABLE ai_jobs (
    tenant_id           uuid           NOT NULL REFERENCES tenants (id),
    id                  uuid           NOT NULL,
    kind                varchar(32)    NOT NULL,
    -- The story the work is for, and optionally one of its versions and one chunk of it. Not a
    -- foreign key, like an assignment's target: the job's record outlives the story being purged.
    story_id            uuid           NOT NULL,
    story_version       integer,
    chunk               integer,
    -- What the requester asked for (prompt, size, voice, material, count), as the request named it.
    parameters          jsonb          NOT NULL DEFAULT '{}',
    requested_by        uuid           NOT NULL,
    status              varchar(16)    NOT NULL DEFAULT 'queued',
    progress            smallint       NOT NULL DEFAULT 0,
    attempts            integer        NOT NULL DEFAULT 0,
    max_attempts        integer        NOT NULL,
    -- When a worker should next look at the job: a queued job's (re)try time; a running job's
    -- lease end, so a job whose node died is claimed again by the same index scan.
    next_run_at         timestamptz    NOT NULL,
    lease_owner         varchar(100),
    lease_until         timestamptz,
    error_code          varchar(64),
    error               varchar(2000),
    result              jsonb,
    -- The moderation gate's verdict on what the job sends or shows: pending (not judged yet),
    -- passed, blocked (kept with its reasons for a reviewer), approved or discarded by one.
    moderation_status   varchar(16)    NOT NULL DEFAULT 'pending',
    moderation_reasons  text[]         NOT NULL DEFAULT '{}',
    -- What the block was about: the job's input (a prompt, not sent) or its result (kept hidden).
    moderation_stage    varchar(16),
    reviewed_by         uuid,
    reviewed_at         timestamptz,
    created_at          timestamptz    NOT NULL DEFAULT now(),
    started_at          timestamptz,
    finished_at         timestamptz,
    updated_at          timestamptz    NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, requested_by) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, reviewed_by) REFERENCES users (tenant_id, id),
    CONSTRAINT ai_jobs_kind_check CHECK (kind IN ('illustration', 'speech', 'teaching_material')),
    CONSTRAINT ai_jobs_status_check
        CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    CONSTRAINT ai_jobs_progress_check CHECK (progress BETWEEN 0 AND 100),
    CONSTRAINT ai_jobs_attempts_check CHECK (attempts >= 0 AND max_attempts BETWEEN 1 AND 20),
    CONSTRAINT ai_jobs_lease_check CHECK ((status = 'running') = (lease_until IS NOT NULL)),
    CONSTRAINT ai_jobs_moderation_check
        CHECK (moderation_status IN ('pending', 'passed', 'blocked', 'approved', 'discarded')),
    CONSTRAINT ai_jobs_stage_check CHECK (moderation_stage IN ('input', 'result'))
);
-- The requester's own jobs, newest first (GET /api/ai-content/jobs for everyone but reviewers).
CREATE INDEX ai_jobs_requester_idx ON ai_jobs (tenant_id, requested_by, created_at DESC, id DESC);
-- The school's jobs, newest first (reviewers).
CREATE INDEX ai_jobs_school_idx ON ai_jobs (tenant_id, created_at DESC, id DESC);
-- The reviewers' queue: blocked jobs, oldest first.
CREATE INDEX ai_jobs_flagged_idx ON ai_jobs (tenant_id, created_at, id)
    WHERE moderation_status = 'blocked';
-- The worker's claim: due queued jobs and running jobs whose lease ran out, across schools.
CREATE INDEX ai_jobs_due_idx ON ai_jobs (next_run_at) WHERE status IN ('queued', 'running');

-- Generated illustrations: the bytes themselves (at most 4 MiB; a 1024x1024 PNG is 1-3 MiB), so a
-- job's image lives and goes with the database like the rest of the school's data.
CREATE TABLE ai_images (
    tenant_id       uuid           NOT NULL REFERENCES tenants (id),
    id              uuid           NOT NULL,
    job_id          uuid           NOT NULL,
    content_type    varchar(16)    NOT NULL,
    size_bytes      integer        NOT NULL,
    bytes           bytea          NOT NULL,
    revised_prompt  varchar(4000),
    created_at      timestamptz    NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, job_id) REFERENCES ai_jobs (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT ai_images_type_check CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp')),
    CONSTRAINT ai_images_size_check
        CHECK (size_bytes = octet_length(bytes) AND size_bytes BETWEEN 1 AND 4194304)
);
CREATE INDEX ai_images_job_idx ON ai_images (tenant_id, job_id);

-- Jobs requested per school and calendar month (the school's time zone), counted by one
-- conditional upsert, so concurrent requests never pass the quota together.
CREATE TABLE ai_usage (
    tenant_id  uuid     NOT NULL REFERENCES tenants (id),
    month      date     NOT NULL,
    jobs       integer  NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, month),
    CONSTRAINT ai_usage_month_check CHECK (extract(day FROM month) = 1),
    CONSTRAINT ai_usage_jobs_check CHECK (jobs >= 0)
);

-- A school's own monthly quota, overriding the platform default (lectern.ai.monthly-jobs).
CREATE TABLE ai_settings (
    tenant_id     uuid         NOT NULL REFERENCES tenants (id),
    monthly_jobs  integer      NOT NULL,
    updated_by    uuid         NOT NULL,
    updated_at    timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id),
    FOREIGN KEY (tenant_id, updated_by) REFERENCES users (tenant_id, id),
    CONSTRAINT ai_settings_jobs_check CHECK (monthly_jobs BETWEEN 0 AND 1000000)
);

-- Row-level security as afterMigrate.sql gives every tenant table, written out here because
-- ai_jobs gets a second policy below, and afterMigrate leaves a table that has a policy alone.
ALTER TABLE ai_jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE ai_jobs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ai_jobs
    USING (tenant_id = lectern_tenant()) WITH CHECK (tenant_id = lectern_tenant());

-- The worker's one cross-school act: claiming due jobs (and renewing its leases). Like
-- audit_append it runs as the tables' owner (SECURITY DEFINER) and does one fixed thing; the
-- policy below shows the owner every school's jobs only while the function has set
-- lectern.ai_worker, so the application's role, which owns nothing, still sees one school's rows
-- only. (Connecting as the owner itself, the wall does not hold anyway; Lectern warns at start.)
DO $$
BEGIN
    EXECUTE format('CREATE POLICY ai_worker ON ai_jobs TO %I'
        ' USING (current_setting(''lectern.ai_worker'', true) = ''on'')', current_user);
END
$$;

-- Claims up to p_limit jobs for node p_node in one statement: queued jobs whose time has come and
-- running jobs whose lease ran out (their node stopped), oldest due first, skipping rows another
-- node is claiming this moment. Each claim is an attempt; the lease lasts p_lease_seconds.
CREATE FUNCTION ai_claim_jobs(p_node text, p_limit integer, p_lease_seconds integer)
RETURNS TABLE (tenant_id uuid, id uuid, requested_by uuid, attempts integer, max_attempts integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM set_config('lectern.ai_worker', 'on', true);
    RETURN QUERY
    UPDATE ai_jobs j
       SET status = 'running', lease_owner = p_node,
           lease_until = now() + make_interval(secs => p_lease_seconds),
           next_run_at = now() + make_interval(secs => p_lease_seconds),
           attempts = j.attempts + 1, started_at = coalesce(j.started_at, now()),
           progress = greatest(j.progress, 5), updated_at = now()
     WHERE (j.tenant_id, j.id) IN (
           SELECT c.tenant_id, c.id FROM ai_jobs c
            WHERE c.status IN ('queued', 'running') AND c.next_run_at <= now()
            ORDER BY c.next_run_at
            LIMIT p_limit
            FOR UPDATE SKIP LOCKED)
    RETURNING j.tenant_id, j.id, j.requested_by, j.attempts, j.max_attempts;
    PERFORM set_config('lectern.ai_worker', '', true);
END
$$;

-- Extends the leases node p_node holds on the jobs p_ids it is still working on.
CREATE FUNCTION ai_renew_leases(p_node text, p_ids uuid[], p_lease_seconds integer)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    n integer;
BEGIN
    PERFORM set_config('lectern.ai_worker', 'on', true);
    UPDATE ai_jobs
       SET lease_until = now() + make_interval(secs => p_lease_seconds),
           next_run_at = now() + make_interval(secs => p_lease_seconds)
     WHERE status = 'running' AND lease_owner = p_node AND id = ANY (p_ids);
    GET DIAGNOSTICS n = ROW_COUNT;
    PERFORM set_config('lectern.ai_worker', '', true);
    RETURN n;
END
$$;

INSERT INTO permissions (resource, action, description) VALUES
    ('ai', '*',        'every action on AI content jobs'),
    ('ai', 'generate', 'request illustrations, speech and teaching material as AI jobs'),
    ('ai', 'moderate', 'see every job of the school, review what the moderation gate blocked'),
    ('ai', 'manage',   'set the school''s monthly AI job quota');

-- Existing tenants get what new ones get from policies/roles.csv.
INSERT INTO role_permissions (tenant_id, role_id, resource, action)
SELECT r.tenant_id, r.id, 'ai', 'generate'
  FROM roles r
 WHERE r.name = 'teacher' AND r.is_system
ON CONFLICT DO NOTHING;
UPDATE tenants SET policy_version = policy_version + 1;
