-- What a rotation changes, and what its compare-and-set checks, in a table of its own with no index but
-- its primary key; sessions keeps what is set once (and the revocation), with the indexes that listing
-- and housekeeping need. H2 2.4.240 rewrites an updated row in every index of its table, an indexed
-- column changed or not: with the sessions' three secondary indexes a rotation dirtied four B-tree
-- leaves, and with a million sessions refreshed in random order each was written out on its own.
-- A session's chain is begun with it, in the same transaction, and deleted with it (the cascade).
-- revoked mirrors sessions.revoked_at_ms IS NOT NULL, written in the same transaction, so that a
-- rotation's compare-and-set sees a revocation without reading sessions.
-- The same file runs on H2 and PostgreSQL; version 8 moves the existing sessions' chains here.
CREATE TABLE session_chains (
    id                  BIGINT       NOT NULL PRIMARY KEY,
    customer_id         VARCHAR(64)  NOT NULL,
    device_uuid         VARCHAR(128),
    current_jti         VARCHAR(255) NOT NULL,
    previous_jti        VARCHAR(255),
    rotated_at_ms       BIGINT,
    rotation_request_id VARCHAR(128),
    rotations           BIGINT       NOT NULL,
    revoked             BOOLEAN      NOT NULL,
    CONSTRAINT session_chains_session FOREIGN KEY (id) REFERENCES sessions (id) ON DELETE CASCADE
);
