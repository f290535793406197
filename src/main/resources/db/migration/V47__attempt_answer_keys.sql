-- An attempt's answer names a question of the bank, and a grade the teacher who gave it: both as
-- tenant-led foreign keys, like every other reference (V45 left them to the application).
ALTER TABLE attempt_answers
    ADD CONSTRAINT attempt_answers_question_fkey
        FOREIGN KEY (tenant_id, question_id) REFERENCES questions (tenant_id, id),
    ADD CONSTRAINT attempt_answers_graded_by_fkey
        FOREIGN KEY (tenant_id, graded_by) REFERENCES users (tenant_id, id);
CREATE INDEX attempt_answers_question_idx ON attempt_answers (tenant_id, question_id);
