-- CONTRACT 2.5: the database holds nothing a client could present. A replayed successor is signed
-- again from the session's stored claims, so the current token itself is no longer kept.
ALTER TABLE sessions DROP COLUMN current_token;
