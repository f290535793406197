-- Session-only helpers for the data generator (pg_temp: nothing is added to the app's schema).

-- A UUIDv7 for a given time, as the application makes its ids (48-bit Unix milliseconds, version
-- 7, variant 10, random rest), so generated rows have the same index locality as real ones.
CREATE FUNCTION pg_temp.uuidv7(ts timestamptz) RETURNS uuid LANGUAGE sql VOLATILE AS $$
  SELECT encode(set_bit(set_bit(set_bit(set_bit(
           overlay(uuid_send(gen_random_uuid())
                   PLACING substring(int8send((extract(epoch FROM ts) * 1000)::bigint) FROM 3)
                   FROM 1 FOR 6),
           52, 1), 53, 1), 54, 1), 55, 0), 'hex')::uuid
$$;

-- The id a template row gets in a cloned school: deterministic, so every reference to the row
-- (composite foreign keys, arrays of ids) maps to the same new id.
CREATE FUNCTION pg_temp.clone_id(tenant uuid, old uuid) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN old IS NULL THEN NULL ELSE md5(tenant::text || '/' || old::text)::uuid END
$$;
