-- Approvals store a named command, not a Java call: the act is named by entity_type and action
-- ('story:publish'), and payload holds the act's payload record as a JSON object. Until now payload
-- was the positional arguments of the service method, replayed by reflection, which any change of
-- signature broke. Existing rows, pending or decided, take the new shape.

-- Both acts so far took the entity id as their only argument, which entity_id holds too.
UPDATE approvals SET payload = jsonb_build_object('storyId', entity_id)
 WHERE entity_type = 'story' AND action = 'publish' AND jsonb_typeof(payload) = 'array';
UPDATE approvals SET payload = jsonb_build_object('lessonId', entity_id)
 WHERE entity_type = 'lesson' AND action = 'publish' AND jsonb_typeof(payload) = 'array';
-- No other act was ever approvable; should a row exist anyway, keep its arguments visible.
UPDATE approvals SET payload = jsonb_build_object('arguments', payload)
 WHERE jsonb_typeof(payload) <> 'object';

ALTER TABLE approvals ALTER COLUMN payload SET DEFAULT '{}';
ALTER TABLE approvals ADD CONSTRAINT approvals_payload_object CHECK (jsonb_typeof(payload) = 'object');
COMMENT ON COLUMN approvals.payload IS
    'The payload record of the act entity_type:action, as a JSON object; read leniently when run.';
