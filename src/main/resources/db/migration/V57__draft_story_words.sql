-- Draft story words (issue 16): a vocabulary list an AI job wrote lands in the story's word list as
-- drafts, shown only to who may edit the story and not collectable until accepted
-- (POST /api/stories/{id}/vocabulary/{wordId}/accept).
ALTER TABLE story_vocabulary ADD COLUMN draft boolean NOT NULL DEFAULT false;
