-- Whether a story has exercises made from it (a book's hasActivities, read with every book) asks
-- exercises by story; without this index that is a scan of the school's exercises per book.
CREATE INDEX exercises_story_idx ON exercises (tenant_id, story_id)
    WHERE story_id IS NOT NULL AND deleted_at IS NULL;
