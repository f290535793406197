-- A password change ends the user's existing tokens: tokens carry the version current when they
-- were issued (claim "tver"), and a change of password moves it on.
ALTER TABLE users ADD COLUMN token_version bigint NOT NULL DEFAULT 0;
