-- The example adapter's tables. Instants are epoch milliseconds (BIGINT): the contract suites use
-- millisecond precision, and a number compares the same on every database.
-- Statements are separated by a semicolon at the end of a line (Schema splits them there).

CREATE TABLE IF NOT EXISTS customer_accounts (
    id                              VARCHAR(64) NOT NULL PRIMARY KEY,
    type_id                         INTEGER     NOT NULL,
    first_name                      VARCHAR,
    last_name                       VARCHAR,
    email                           VARCHAR,
    confirmed                       BOOLEAN     NOT NULL,
    phone_number                    VARCHAR,
    locale                          VARCHAR,
    state                           INTEGER     NOT NULL,
    -- kept as the exact JSON text it was saved with: the endpoint returns it unchanged
    demographics                    VARCHAR     NOT NULL,
    optin_status_email              INTEGER     NOT NULL,
    optin_status_pn                 INTEGER     NOT NULL,
    has_pending_email_change        BOOLEAN     NOT NULL,
    has_pending_phone_number_change BOOLEAN     NOT NULL,
    is_social                       BOOLEAN     NOT NULL
);

CREATE SEQUENCE IF NOT EXISTS session_ids START WITH 1;

-- No foreign key to customer_accounts: a deleted customer's sessions stay, so that their tokens
-- answer customer_not_found rather than session_invalid.
CREATE TABLE IF NOT EXISTS sessions (
    id                  BIGINT       NOT NULL PRIMARY KEY,
    customer_id         VARCHAR(64)  NOT NULL,
    application_id      BIGINT       NOT NULL,
    device_uuid         VARCHAR(128),
    started_at_ms       BIGINT       NOT NULL,
    current_jti         VARCHAR(255) NOT NULL,
    previous_jti        VARCHAR(255),
    rotated_at_ms       BIGINT,
    rotation_request_id VARCHAR(128),
    rotations           BIGINT       NOT NULL,
    grace_replays       INTEGER      NOT NULL,
    revoked_at_ms       BIGINT,
    revocation_reason   VARCHAR(32),
    dpop_jkt            VARCHAR(43)
);

CREATE INDEX IF NOT EXISTS sessions_by_customer ON sessions (customer_id, id);
