-- Draft questions (issue 16): comprehension questions an AI job wrote land in the bank as drafts,
-- which no quiz may use until a teacher accepts them (POST /api/questions/{id}/accept).
ALTER TABLE questions ADD COLUMN draft boolean NOT NULL DEFAULT false;
