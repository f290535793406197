-- A quiz can be what an assignment asks for; submitting an attempt turns in its submission.
ALTER TABLE assignments DROP CONSTRAINT assignments_target_type_check;
ALTER TABLE assignments ADD CONSTRAINT assignments_target_type_check
    CHECK (target_type IN ('story', 'lesson', 'course', 'quiz'));
