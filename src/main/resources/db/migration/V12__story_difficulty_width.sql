-- stories.difficulty was varchar(16), but its CHECK allows 'upper_intermediate' (18 characters):
-- no story could be stored at that level. courses.difficulty is varchar(32) already.
ALTER TABLE stories ALTER COLUMN difficulty TYPE varchar(32);
