-- Assessment (issue 15; schema-guide.md "Assessment System": Exercise, Question with MCQ /
-- fill_blank / drag_drop / short_answer, Choice, Quiz per lesson, QuizQuestion, QuizResult with
-- score numeric(5,2), timeSpentSec, attemptedAt, and their indexes led by tenant_id). Attempts
-- and their answers live on the server, which keeps the clock and grades.

-- A school's question bank: exercises group questions.
CREATE TABLE exercises (
    tenant_id    uuid          NOT NULL REFERENCES tenants (id),
    id           uuid          NOT NULL,
    title        varchar(255)  NOT NULL,
    description  text,
    -- manual: written by a teacher; cloze: made from a story version's text.
    kind         varchar(16)   NOT NULL DEFAULT 'manual',
    story_id     uuid,
    story_version integer,
    seed         bigint,
    created_by   uuid          NOT NULL,
    created_at   timestamptz   NOT NULL DEFAULT now(),
    updated_at   timestamptz   NOT NULL DEFAULT now(),
    deleted_at   timestamptz,
    version      bigint        NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id),
    CONSTRAINT exercises_title_not_blank CHECK (btrim(title) <> ''),
    CONSTRAINT exercises_kind_check CHECK (kind IN ('manual', 'cloze')),
    CONSTRAINT exercises_cloze_source CHECK ((kind = 'cloze') = (story_id IS NOT NULL AND story_version IS NOT NULL))
);
CREATE INDEX exercises_tenant_created_idx ON exercises (tenant_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;

-- The seed's Question: a stem, a type and its answer key. What students see of a question
-- (choices, items, blanks) is in `content`; what grades it in `answer_key`, never sent to them
-- before they submit.
CREATE TABLE questions (
    tenant_id    uuid          NOT NULL REFERENCES tenants (id),
    id           uuid          NOT NULL,
    exercise_id  uuid          NOT NULL,
    position     integer       NOT NULL,
    stem         text          NOT NULL,
    type         varchar(16)   NOT NULL,
    content      jsonb         NOT NULL DEFAULT '{}',
    answer_key   jsonb         NOT NULL DEFAULT '{}',
    created_by   uuid          NOT NULL,
    created_at   timestamptz   NOT NULL DEFAULT now(),
    updated_at   timestamptz   NOT NULL DEFAULT now(),
    version      bigint        NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, exercise_id) REFERENCES exercises (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id),
    CONSTRAINT questions_type_check CHECK (type IN ('mcq', 'fill_blank', 'drag_drop', 'short_answer')),
    CONSTRAINT questions_stem_not_blank CHECK (btrim(stem) <> ''),
    CONSTRAINT questions_position_check CHECK (position >= 1)
);
-- The seed's (exerciseId) and (type), led by the tenant.
CREATE INDEX questions_exercise_idx ON questions (tenant_id, exercise_id, position);
CREATE INDEX questions_type_idx ON questions (tenant_id, type);

-- The seed's Choice, for multiple-choice questions.
CREATE TABLE choices (
    tenant_id    uuid          NOT NULL REFERENCES tenants (id),
    id           uuid          NOT NULL,
    question_id  uuid          NOT NULL,
    position     integer       NOT NULL,
    text         varchar(1000) NOT NULL,
    is_correct   boolean       NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, question_id) REFERENCES questions (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT choices_position_key UNIQUE (tenant_id, question_id, position),
    CONSTRAINT choices_text_not_blank CHECK (btrim(text) <> '')
);

-- The seed's Quiz: one lesson's, with its settings.
CREATE TABLE quizzes (
    tenant_id           uuid          NOT NULL REFERENCES tenants (id),
    id                  uuid          NOT NULL,
    lesson_id           uuid          NOT NULL,
    title               varchar(255)  NOT NULL,
    description         text,
    status              varchar(16)   NOT NULL DEFAULT 'draft',
    time_limit_seconds  integer,
    attempts_allowed    integer,
    shuffle_questions   boolean       NOT NULL DEFAULT false,
    shuffle_choices     boolean       NOT NULL DEFAULT false,
    -- When a student sees the answer key: after_submission, after_last_attempt, or never.
    show_answers        varchar(24)   NOT NULL DEFAULT 'after_submission',
    published_at        timestamptz,
    approved_by         uuid,
    created_by          uuid          NOT NULL,
    created_at          timestamptz   NOT NULL DEFAULT now(),
    updated_at          timestamptz   NOT NULL DEFAULT now(),
    deleted_at          timestamptz,
    version             bigint        NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, lesson_id) REFERENCES lessons (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, approved_by) REFERENCES users (tenant_id, id),
    CONSTRAINT quizzes_title_not_blank CHECK (btrim(title) <> ''),
    CONSTRAINT quizzes_status_check CHECK (status IN ('draft', 'published', 'archived')),
    CONSTRAINT quizzes_published_at_check CHECK (status <> 'published' OR published_at IS NOT NULL),
    CONSTRAINT quizzes_time_limit_check CHECK (time_limit_seconds IS NULL OR time_limit_seconds BETWEEN 30 AND 86400),
    CONSTRAINT quizzes_attempts_check CHECK (attempts_allowed IS NULL OR attempts_allowed BETWEEN 1 AND 100),
    CONSTRAINT quizzes_show_answers_check CHECK (show_answers IN ('after_submission', 'after_last_attempt', 'never'))
);
-- The seed's (lessonId) and (tenantId, status).
CREATE INDEX quizzes_lesson_idx ON quizzes (tenant_id, lesson_id) WHERE deleted_at IS NULL;
CREATE INDEX quizzes_status_idx ON quizzes (tenant_id, status);
CREATE INDEX quizzes_created_idx ON quizzes (tenant_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;

-- The seed's QuizQuestion: a quiz's questions in order, with their points.
CREATE TABLE quiz_questions (
    tenant_id    uuid          NOT NULL REFERENCES tenants (id),
    quiz_id      uuid          NOT NULL,
    question_id  uuid          NOT NULL,
    position     integer       NOT NULL,
    points       numeric(6, 2) NOT NULL,
    PRIMARY KEY (tenant_id, quiz_id, question_id),
    FOREIGN KEY (tenant_id, quiz_id) REFERENCES quizzes (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, question_id) REFERENCES questions (tenant_id, id),
    CONSTRAINT quiz_questions_position_key UNIQUE (tenant_id, quiz_id, position),
    CONSTRAINT quiz_questions_points_check CHECK (points > 0 AND points <= 1000)
);
CREATE INDEX quiz_questions_question_idx ON quiz_questions (tenant_id, question_id);

-- An attempt: started on the server, which keeps its clock; graded when submitted.
CREATE TABLE quiz_attempts (
    tenant_id        uuid          NOT NULL REFERENCES tenants (id),
    id               uuid          NOT NULL,
    quiz_id          uuid          NOT NULL,
    user_id          uuid          NOT NULL,
    number           integer       NOT NULL,
    started_at       timestamptz   NOT NULL,
    deadline_at      timestamptz,
    submitted_at     timestamptz,
    -- in_progress, then submitted (fully graded) or awaiting_grading (short answers wait).
    status           varchar(20)   NOT NULL DEFAULT 'in_progress',
    points_earned    numeric(8, 2),
    points_possible  numeric(8, 2),
    score            numeric(5, 2),
    time_spent_sec   integer,
    -- The order this attempt shows the questions in (shuffled once, at start).
    question_order   uuid[]        NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, quiz_id) REFERENCES quizzes (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
    -- The attempt limit holds under concurrent starts: numbers are unique per student and quiz.
    CONSTRAINT quiz_attempts_number_key UNIQUE (tenant_id, quiz_id, user_id, number),
    CONSTRAINT quiz_attempts_status_check CHECK (status IN ('in_progress', 'submitted', 'awaiting_grading')),
    CONSTRAINT quiz_attempts_submitted_check CHECK ((status = 'in_progress') = (submitted_at IS NULL)),
    CONSTRAINT quiz_attempts_score_check CHECK (score IS NULL OR score BETWEEN 0 AND 100)
);
-- At most one attempt in progress per student and quiz.
CREATE UNIQUE INDEX quiz_attempts_open_key ON quiz_attempts (tenant_id, quiz_id, user_id) WHERE status = 'in_progress';
CREATE INDEX quiz_attempts_user_idx ON quiz_attempts (tenant_id, user_id, started_at);

-- One answer per question of an attempt, as last saved; graded at submission.
CREATE TABLE attempt_answers (
    tenant_id     uuid          NOT NULL REFERENCES tenants (id),
    attempt_id    uuid          NOT NULL,
    question_id   uuid          NOT NULL,
    answer        jsonb         NOT NULL,
    saved_at      timestamptz   NOT NULL,
    -- The share of the question's points earned, 0-1; null while a teacher has to grade it.
    credit        numeric(5, 4),
    points        numeric(6, 2),
    graded_by     uuid,
    feedback      varchar(2000),
    PRIMARY KEY (tenant_id, attempt_id, question_id),
    FOREIGN KEY (tenant_id, attempt_id) REFERENCES quiz_attempts (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT attempt_answers_credit_check CHECK (credit IS NULL OR credit BETWEEN 0 AND 1)
);

-- The seed's QuizResult: a submitted attempt's score, time spent and when it was attempted.
CREATE TABLE quiz_results (
    tenant_id       uuid          NOT NULL REFERENCES tenants (id),
    id              uuid          NOT NULL,
    quiz_id         uuid          NOT NULL,
    user_id         uuid          NOT NULL,
    attempt_id      uuid          NOT NULL,
    score           numeric(5, 2) NOT NULL,
    time_spent_sec  integer       NOT NULL,
    attempted_at    timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, quiz_id) REFERENCES quizzes (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, attempt_id) REFERENCES quiz_attempts (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT quiz_results_attempt_key UNIQUE (tenant_id, attempt_id),
    CONSTRAINT quiz_results_score_check CHECK (score BETWEEN 0 AND 100),
    CONSTRAINT quiz_results_time_check CHECK (time_spent_sec >= 0)
);
-- The seed's (userId, attemptedAt) and (quizId), led by the tenant.
CREATE INDEX quiz_results_user_idx ON quiz_results (tenant_id, user_id, attempted_at);
CREATE INDEX quiz_results_quiz_idx ON quiz_results (tenant_id, quiz_id);


INSERT INTO permissions (resource, action, description) VALUES
    ('exercise', '*',      'every action on the question bank'),
    ('exercise', 'read',   'read the school''s question bank, answer keys included'),
    ('exercise', 'create', 'add exercises and questions to the question bank'),
    ('exercise', 'update', 'change any exercise and its questions'),
    ('exercise', 'delete', 'delete any exercise'),
    ('quiz', '*',       'every action on quizzes'),
    ('quiz', 'publish', 'publish quizzes (schools may put it under approval)'),
    ('quiz', 'approve', 'approve others'' quiz publications'),
    ('quiz', 'attempt', 'take published quizzes of readable lessons');

INSERT INTO role_permissions (tenant_id, role_id, resource, action)
SELECT r.tenant_id, r.id, g.resource, g.action
  FROM roles r
  JOIN (VALUES ('teacher', 'exercise', 'read'),
               ('teacher', 'exercise', 'create'),
               ('student', 'quiz', 'attempt')) AS g (role, resource, action)
    ON g.role = r.name AND r.is_system
ON CONFLICT DO NOTHING;
UPDATE tenants SET policy_version = policy_version + 1;
