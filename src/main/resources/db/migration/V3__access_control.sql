-- RBAC (roles per tenant, their grants, users' roles and direct grants) and the tenants' ABAC
-- ResourcePolicy rules. jCasbin evaluates both; see org.lectern.access.

-- The catalogue of (resource, action) pairs the platform knows; grants must name one of them
-- (or the wildcard '*').
CREATE TABLE permissions (
    resource    varchar(64)  NOT NULL,
    action      varchar(64)  NOT NULL,
    description varchar(200) NOT NULL,
    PRIMARY KEY (resource, action)
);
INSERT INTO permissions (resource, action, description) VALUES
    ('*',        '*',       'everything in the tenant'),
    ('story',    '*',       'every action on stories'),
    ('story',    'create',  'create stories'),
    ('story',    'read',    'read stories'),
    ('story',    'update',  'edit stories'),
    ('story',    'delete',  'delete stories'),
    ('story',    'publish', 'publish and archive stories'),
    ('user',     '*',       'every action on users'),
    ('user',     'create',  'create users'),
    ('user',     'read',    'read users'),
    ('user',     'update',  'edit users and their roles'),
    ('user',     'delete',  'deactivate users'),
    ('role',     '*',       'every action on roles'),
    ('role',     'read',    'read roles'),
    ('role',     'manage',  'create, change and delete roles and their grants'),
    ('policy',   '*',       'every action on ABAC policies'),
    ('policy',   'read',    'read ABAC policies'),
    ('policy',   'manage',  'create, change and delete ABAC policies');

CREATE TABLE roles (
    tenant_id   uuid         NOT NULL REFERENCES tenants (id),
    id          uuid         NOT NULL,
    name        varchar(63)  NOT NULL,
    description varchar(500),
    is_system   boolean      NOT NULL DEFAULT false,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    updated_at  timestamptz  NOT NULL DEFAULT now(),
    version     bigint       NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT roles_tenant_name_key UNIQUE (tenant_id, name),
    CONSTRAINT roles_name_format CHECK (name ~ '^[a-z][a-z0-9_-]{0,62}$')
);

CREATE TABLE role_permissions (
    tenant_id   uuid        NOT NULL,
    role_id     uuid        NOT NULL,
    resource    varchar(64) NOT NULL,
    action      varchar(64) NOT NULL,
    PRIMARY KEY (tenant_id, role_id, resource, action),
    FOREIGN KEY (tenant_id, role_id) REFERENCES roles (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (resource, action) REFERENCES permissions (resource, action)
);

CREATE TABLE user_roles (
    tenant_id   uuid        NOT NULL,
    user_id     uuid        NOT NULL,
    role_id     uuid        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, user_id, role_id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, role_id) REFERENCES roles (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX user_roles_tenant_role_idx ON user_roles (tenant_id, role_id);

CREATE TABLE user_permissions (
    tenant_id   uuid        NOT NULL,
    user_id     uuid        NOT NULL,
    resource    varchar(64) NOT NULL,
    action      varchar(64) NOT NULL,
    PRIMARY KEY (tenant_id, user_id, resource, action),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (resource, action) REFERENCES permissions (resource, action)
);

CREATE TABLE resource_policies (
    tenant_id   uuid         NOT NULL REFERENCES tenants (id),
    id          uuid         NOT NULL,
    name        varchar(100) NOT NULL,
    description varchar(500),
    resource    varchar(64)  NOT NULL,
    actions     text[]       NOT NULL DEFAULT '{*}',
    conditions  jsonb        NOT NULL,
    effect      varchar(8)   NOT NULL,
    priority    integer      NOT NULL DEFAULT 0,
    is_active   boolean      NOT NULL DEFAULT true,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    updated_at  timestamptz  NOT NULL DEFAULT now(),
    version     bigint       NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT resource_policies_tenant_name_key UNIQUE (tenant_id, name),
    CONSTRAINT resource_policies_effect_check CHECK (effect IN ('allow', 'deny')),
    CONSTRAINT resource_policies_priority_check CHECK (priority BETWEEN -1000 AND 1000),
    CONSTRAINT resource_policies_actions_check CHECK (cardinality(actions) > 0)
);
CREATE INDEX resource_policies_tenant_resource_idx
    ON resource_policies (tenant_id, resource, priority DESC) WHERE is_active;
