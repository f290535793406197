-- The approval workflow (schema-guide.md, "Approval Workflow Pattern"): an act that a tenant's
-- rules put under approval is recorded here instead of being done, and done when someone other
-- than its requester approves it.

CREATE TABLE approvals (
    tenant_id       uuid          NOT NULL,
    id              uuid          NOT NULL,
    entity_type     varchar(64)   NOT NULL,
    entity_id       uuid          NOT NULL,
    action          varchar(64)   NOT NULL,
    -- The arguments of the requested act, replayed when it is approved.
    payload         jsonb         NOT NULL DEFAULT '[]',
    -- The entity's version when the request was made; approval fails if it has moved on.
    entity_version  bigint        NOT NULL,
    status          varchar(16)   NOT NULL DEFAULT 'pending',
    requested_by    uuid          NOT NULL,
    decided_by      uuid,
    comment         varchar(2000),
    created_at      timestamptz   NOT NULL DEFAULT now(),
    decided_at      timestamptz,
    updated_at      timestamptz   NOT NULL DEFAULT now(),
    version         bigint        NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id),
    FOREIGN KEY (tenant_id, requested_by) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, decided_by) REFERENCES users (tenant_id, id),
    CONSTRAINT approvals_status_check
        CHECK (status IN ('pending', 'approved', 'rejected', 'cancelled', 'superseded')),
    CONSTRAINT approvals_decision_check
        CHECK ((status = 'pending') = (decided_at IS NULL)),
    CONSTRAINT approvals_not_self_decided
        CHECK (decided_by IS NULL OR decided_by <> requested_by OR status IN ('cancelled', 'superseded')),
    CONSTRAINT approvals_rejection_reason
        CHECK (status <> 'rejected' OR (comment IS NOT NULL AND btrim(comment) <> ''))
);
-- At most one pending request per entity and action; a new request supersedes the old one.
CREATE UNIQUE INDEX approvals_one_pending_key
    ON approvals (tenant_id, entity_type, entity_id, action) WHERE status = 'pending';
-- The seed's indexes, led by the tenant.
CREATE INDEX approvals_tenant_entity_idx ON approvals (tenant_id, entity_type, entity_id);
CREATE INDEX approvals_tenant_status_idx ON approvals (tenant_id, status, created_at DESC, id DESC);
CREATE INDEX approvals_tenant_requester_idx ON approvals (tenant_id, requested_by, created_at DESC);

-- Which acts need approval in a tenant. No row means the act's default (story publishing: on).
CREATE TABLE approval_rules (
    tenant_id    uuid         NOT NULL REFERENCES tenants (id),
    entity_type  varchar(64)  NOT NULL,
    action       varchar(64)  NOT NULL,
    required     boolean      NOT NULL,
    updated_at   timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, entity_type, action)
);

INSERT INTO permissions (resource, action, description) VALUES
    ('story',    'approve', 'decide requests to publish stories'),
    ('story',    'restore', 'restore deleted stories'),
    ('approval', '*',       'every action on approval settings'),
    ('approval', 'manage',  'choose which acts need approval');

-- Teachers now ask to publish their own stories (the request waits for an approver), so the
-- default rule that lets them edit their own stories covers publishing too, in existing tenants
-- as in new ones (policies/default-policies.json).
UPDATE resource_policies
   SET actions = array_append(actions, 'publish'), updated_at = now(), version = version + 1
 WHERE name = 'teachers-edit-their-own-stories' AND NOT ('publish' = ANY (actions));
UPDATE tenants SET policy_version = policy_version + 1;
