-- CONTRACT 2.6 and 2.7: a session may be bound to a client key (its RFC 7638 thumbprint, set once at login),
-- and its previous token's grace replays may be counted (reset by every rotation, so it lives in the chain).
-- The jti of every accepted DPoP proof is kept per key until the proof could no longer be accepted anyway,
-- so that a proof is accepted once on every node sharing the database; housekeeping deletes expired rows.
ALTER TABLE sessions ADD COLUMN dpop_jkt VARCHAR(43);
ALTER TABLE session_chains ADD COLUMN grace_replays INTEGER DEFAULT 0 NOT NULL;
CREATE TABLE dpop_proofs (
    jkt           VARCHAR(43)  NOT NULL,
    jti           VARCHAR(128) NOT NULL,
    expires_at_ms BIGINT       NOT NULL,
    PRIMARY KEY (jkt, jti)
);
CREATE INDEX dpop_proofs_expiry ON dpop_proofs (expires_at_ms);
