-- Classrooms and assignments (migration-strategy.md: ClassRoom, ClassEnrollment, Assignment,
-- AssignmentSubmission, with the Phase 4 constraints and indexes). Every key and index is led by
-- tenant_id: a school's rows stay together, and the schema can be distributed by tenant.

CREATE TABLE classrooms (
    tenant_id    uuid          NOT NULL REFERENCES tenants (id),
    id           uuid          NOT NULL,
    name         varchar(255)  NOT NULL,
    subject      varchar(100),
    grade_level  varchar(32),
    term         varchar(100),
    description  text,
    -- What a child types to join: no ambiguous characters (0/O, 1/I/L).
    class_code   varchar(8)    NOT NULL,
    archived_at  timestamptz,
    created_by   uuid          NOT NULL,
    created_at   timestamptz   NOT NULL DEFAULT now(),
    updated_at   timestamptz   NOT NULL DEFAULT now(),
    deleted_at   timestamptz,
    version      bigint        NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id),
    CONSTRAINT classrooms_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT classrooms_class_code_format CHECK (class_code ~ '^[A-HJKMNP-Z2-9]{6,8}$')
);
-- The seed's "class code collisions" risk: the database keeps a code unique among the school's
-- active classrooms; the application retries with a new code when an insert meets this index.
CREATE UNIQUE INDEX classrooms_active_code_key ON classrooms (tenant_id, class_code)
    WHERE archived_at IS NULL AND deleted_at IS NULL;
CREATE INDEX classrooms_tenant_created_idx ON classrooms (tenant_id, created_at DESC, id DESC)
    WHERE deleted_at IS NULL;

-- The classroom's teachers: its creator and the co-teachers they add, all with the same rights.
CREATE TABLE classroom_teachers (
    tenant_id     uuid         NOT NULL,
    classroom_id  uuid         NOT NULL,
    teacher_id    uuid         NOT NULL,
    added_by      uuid         NOT NULL,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, classroom_id, teacher_id),
    FOREIGN KEY (tenant_id, classroom_id) REFERENCES classrooms (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, teacher_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, added_by) REFERENCES users (tenant_id, id)
);
-- Every request reads the caller's classrooms (user.classrooms, user.teaching).
CREATE INDEX classroom_teachers_tenant_teacher_idx ON classroom_teachers (tenant_id, teacher_id);

-- The seed's ClassEnrollment; its unique_enrollment is the primary key, led by the tenant.
CREATE TABLE classroom_enrollments (
    tenant_id     uuid         NOT NULL,
    classroom_id  uuid         NOT NULL,
    student_id    uuid         NOT NULL,
    enrolled_by   uuid         NOT NULL,
    -- code: the student joined with the class code; teacher: a teacher or admin added them.
    joined_via    varchar(16)  NOT NULL,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT unique_enrollment PRIMARY KEY (tenant_id, classroom_id, student_id),
    FOREIGN KEY (tenant_id, classroom_id) REFERENCES classrooms (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, student_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, enrolled_by) REFERENCES users (tenant_id, id),
    CONSTRAINT classroom_enrollments_joined_via_check CHECK (joined_via IN ('code', 'teacher'))
);
CREATE INDEX classroom_enrollments_tenant_student_idx ON classroom_enrollments (tenant_id, student_id);
CREATE INDEX classroom_enrollments_tenant_classroom_idx
    ON classroom_enrollments (tenant_id, classroom_id, created_at, student_id);

CREATE TABLE assignments (
    tenant_id     uuid          NOT NULL,
    id            uuid          NOT NULL,
    classroom_id  uuid          NOT NULL,
    title         varchar(255)  NOT NULL,
    instructions  text,
    -- What to do: a story, lesson or course of the school (quizzes once they exist). Checked by the
    -- application (it must be readable by the students), not by a foreign key: the target is
    -- polymorphic, and deleting material must not delete the work done on it.
    target_type   varchar(16)   NOT NULL,
    target_id     uuid          NOT NULL,
    opens_at      timestamptz,
    due_at        timestamptz,
    points        integer,
    status        varchar(16)   NOT NULL DEFAULT 'draft',
    -- class: every student of the classroom, late joiners included; students: those listed in
    -- assignment_students.
    audience      varchar(16)   NOT NULL DEFAULT 'class',
    published_at  timestamptz,
    created_by    uuid          NOT NULL,
    created_at    timestamptz   NOT NULL DEFAULT now(),
    updated_at    timestamptz   NOT NULL DEFAULT now(),
    deleted_at    timestamptz,
    version       bigint        NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT assignments_classroom_id_key UNIQUE (tenant_id, classroom_id, id),
    FOREIGN KEY (tenant_id, classroom_id) REFERENCES classrooms (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id),
    CONSTRAINT assignments_title_not_blank CHECK (btrim(title) <> ''),
    CONSTRAINT assignments_target_type_check CHECK (target_type IN ('story', 'lesson', 'course')),
    CONSTRAINT assignments_status_check CHECK (status IN ('draft', 'published')),
    CONSTRAINT assignments_audience_check CHECK (audience IN ('class', 'students')),
    CONSTRAINT assignments_points_check CHECK (points IS NULL OR points BETWEEN 0 AND 1000),
    CONSTRAINT assignments_due_after_open CHECK (due_at IS NULL OR opens_at IS NULL OR due_at > opens_at),
    CONSTRAINT assignments_published_at_check CHECK ((status = 'published') = (published_at IS NOT NULL))
);
-- The seed's idx_assignments_due_date, led by the tenant: what is due soon, and overdue counts.
CREATE INDEX idx_assignments_due_date ON assignments (tenant_id, due_at)
    WHERE status = 'published' AND deleted_at IS NULL;
CREATE INDEX assignments_tenant_classroom_idx ON assignments (tenant_id, classroom_id, created_at DESC, id DESC)
    WHERE deleted_at IS NULL;
CREATE INDEX assignments_tenant_created_idx ON assignments (tenant_id, created_at DESC, id DESC)
    WHERE deleted_at IS NULL;

-- The chosen students of an assignment whose audience is 'students'.
CREATE TABLE assignment_students (
    tenant_id      uuid  NOT NULL,
    assignment_id  uuid  NOT NULL,
    student_id     uuid  NOT NULL,
    PRIMARY KEY (tenant_id, assignment_id, student_id),
    FOREIGN KEY (tenant_id, assignment_id) REFERENCES assignments (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, student_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);

-- The seed's AssignmentSubmission: made for each student when the assignment is published (and
-- for late joiners of a classroom, for its whole-class assignments). Its unique_submission is led
-- by the tenant.
CREATE TABLE submissions (
    tenant_id      uuid          NOT NULL,
    id             uuid          NOT NULL,
    assignment_id  uuid          NOT NULL,
    classroom_id   uuid          NOT NULL,
    student_id     uuid          NOT NULL,
    state          varchar(16)   NOT NULL DEFAULT 'assigned',
    late           boolean       NOT NULL DEFAULT false,
    text           text,
    -- [{"url": ..., "title": ...}], links to the work (documents, recordings).
    attachments    jsonb         NOT NULL DEFAULT '[]',
    grade          numeric(6, 2),
    feedback       text,
    turned_in_at   timestamptz,
    returned_at    timestamptz,
    created_at     timestamptz   NOT NULL DEFAULT now(),
    updated_at     timestamptz   NOT NULL DEFAULT now(),
    version        bigint        NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT unique_submission UNIQUE (tenant_id, assignment_id, student_id),
    -- The classroom is the assignment's.
    FOREIGN KEY (tenant_id, classroom_id, assignment_id)
        REFERENCES assignments (tenant_id, classroom_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, student_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT submissions_state_check
        CHECK (state IN ('assigned', 'in_progress', 'turned_in', 'returned', 'excused')),
    CONSTRAINT submissions_grade_check CHECK (grade IS NULL OR grade >= 0),
    CONSTRAINT submissions_turned_in_check CHECK (state NOT IN ('turned_in', 'returned') OR turned_in_at IS NOT NULL)
);
CREATE INDEX submissions_tenant_student_idx ON submissions (tenant_id, student_id);
CREATE INDEX submissions_tenant_classroom_idx ON submissions (tenant_id, classroom_id, assignment_id);

-- Rights.
INSERT INTO permissions (resource, action, description) VALUES
    ('classroom',  '*',        'every action on classrooms'),
    ('classroom',  'create',   'create classrooms'),
    ('classroom',  'read',     'see classrooms'),
    ('classroom',  'update',   'edit and archive classrooms'),
    ('classroom',  'delete',   'delete classrooms'),
    ('classroom',  'manage',   'manage a classroom''s teachers, students and class code, and see its overview'),
    ('classroom',  'join',     'join classrooms with a class code'),
    ('assignment', '*',        'every action on assignments'),
    ('assignment', 'create',   'assign work to classrooms'),
    ('assignment', 'read',     'see assignments'),
    ('assignment', 'update',   'edit assignments'),
    ('assignment', 'delete',   'delete assignments'),
    ('assignment', 'publish',  'publish assignments to students'),
    ('submission', '*',        'every action on submissions'),
    ('submission', 'read',     'see submissions'),
    ('submission', 'start',    'start work on a submission'),
    ('submission', 'turn-in',  'turn in a submission'),
    ('submission', 'return',   'return a submission with a grade and feedback'),
    ('submission', 'reopen',   'reopen a submission'),
    ('submission', 'excuse',   'excuse a student from an assignment');

-- Existing tenants get what new ones get from policies/roles.csv and default-policies.json.
INSERT INTO role_permissions (tenant_id, role_id, resource, action)
SELECT r.tenant_id, r.id, g.resource, g.action
  FROM roles r
  JOIN (VALUES ('teacher', 'classroom', 'create'),
               ('student', 'classroom', 'join')) AS g (role, resource, action)
    ON g.role = r.name AND r.is_system
ON CONFLICT DO NOTHING;

INSERT INTO resource_policies (tenant_id, id, name, description, resource, actions, conditions, effect, priority)
SELECT t.id, gen_random_uuid(), p.name, p.description, p.resource, p.actions, p.conditions::jsonb, 'allow', 0
  FROM tenants t
 CROSS JOIN (VALUES
    ('teachers-run-their-classrooms',
     'A classroom''s teachers (its creator and co-teachers) see, edit and manage it.',
     'classroom', ARRAY['read', 'update', 'delete', 'manage'],
     '[{"field": "user.teaching", "operator": "contains", "value": "resource.id"}]'),
    ('students-see-their-classrooms',
     'A student sees the active classrooms they belong to.',
     'classroom', ARRAY['read'],
     '[{"field": "user.classrooms", "operator": "contains", "value": "resource.id"}]'),
    ('teachers-assign-work-in-their-classrooms',
     'A classroom''s teachers create, see, edit, delete and publish its assignments.',
     'assignment', ARRAY['create', 'read', 'update', 'delete', 'publish'],
     '[{"field": "user.teaching", "operator": "contains", "value": "resource.classroomId"}]'),
    ('students-see-published-assignments',
     'A student sees the published assignments of the active classrooms they belong to.',
     'assignment', ARRAY['read'],
     '[{"field": "resource.status", "operator": "eq", "value": "published"}, {"field": "user.classrooms", "operator": "contains", "value": "resource.classroomId"}]'),
    ('teachers-grade-in-their-classrooms',
     'A classroom''s teachers see, return, reopen and excuse its submissions.',
     'submission', ARRAY['read', 'return', 'reopen', 'excuse'],
     '[{"field": "user.teaching", "operator": "contains", "value": "resource.classroomId"}]'),
    ('students-work-on-their-own-submissions',
     'A student sees, starts, turns in and reopens their own submissions in the active classrooms they belong to.',
     'submission', ARRAY['read', 'start', 'turn-in', 'reopen'],
     '[{"field": "resource.studentId", "operator": "eq", "value": "user.id"}, {"field": "user.classrooms", "operator": "contains", "value": "resource.classroomId"}]')
 ) AS p (name, description, resource, actions, conditions)
ON CONFLICT (tenant_id, name) DO NOTHING;
UPDATE tenants SET policy_version = policy_version + 1;
