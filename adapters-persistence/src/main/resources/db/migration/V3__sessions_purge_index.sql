-- Housekeeping (CONTRACT 4.4) finds the sessions to delete by these two columns, a batch at a time:
-- without an index each batch would scan the whole table. The same file runs on H2 and PostgreSQL.

CREATE INDEX sessions_started_at ON sessions (started_at_ms);

CREATE INDEX sessions_revoked_at ON sessions (revoked_at_ms);
