-- Counters of the rate limits (failed sign-ins per account and address, per address; request
-- quotas per user and per tenant), shared by every node so that N nodes do not allow N times the
-- attempts. A platform table, not tenant-scoped: a key names its tenant where that matters.
--
-- A row counts what happened since window_start; once expires_at has passed it means nothing: the
-- next write to the key starts a new window in the same statement, and reads ignore it.
-- Clean-up: every node deletes rows expired for more than a minute once a minute, from the timer
-- that also syncs its request quotas (RateLimits.purge, using the expires_at index), so the table
-- holds about one minute's keys plus the blocks still running.

CREATE TABLE rate_limits (
    key            text         PRIMARY KEY,
    window_start   timestamptz  NOT NULL,
    count          integer      NOT NULL,
    blocked_until  timestamptz,
    expires_at     timestamptz  NOT NULL
);
CREATE INDEX rate_limits_expires_idx ON rate_limits (expires_at);
