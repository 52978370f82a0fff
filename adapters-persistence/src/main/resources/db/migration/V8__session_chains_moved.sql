-- Every existing session's chain moves to session_chains (version 6), and leaves sessions. On H2 each
-- DROP COLUMN copies the table once (about a second per hundred thousand sessions); PostgreSQL only
-- marks the columns dropped. The same file runs on H2 and PostgreSQL.
INSERT INTO session_chains (id, customer_id, device_uuid, current_jti, previous_jti, rotated_at_ms,
                            rotation_request_id, rotations, revoked)
SELECT id, customer_id, device_uuid, current_jti, previous_jti, rotated_at_ms, rotation_request_id, rotations,
       revoked_at_ms IS NOT NULL
FROM sessions;

ALTER TABLE sessions DROP COLUMN device_uuid;
ALTER TABLE sessions DROP COLUMN current_jti;
ALTER TABLE sessions DROP COLUMN previous_jti;
ALTER TABLE sessions DROP COLUMN rotated_at_ms;
ALTER TABLE sessions DROP COLUMN rotation_request_id;
ALTER TABLE sessions DROP COLUMN rotations;
