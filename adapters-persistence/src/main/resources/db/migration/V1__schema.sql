-- The same file runs on H2 and PostgreSQL. Instants are stored as epoch milliseconds (BIGINT).

CREATE TABLE applications (
    id      BIGINT       NOT NULL PRIMARY KEY,
    app_key VARCHAR(32)  NOT NULL,
    name    VARCHAR(255) NOT NULL,
    enabled BOOLEAN      NOT NULL,
    CONSTRAINT applications_app_key_unique UNIQUE (app_key)
);

CREATE TABLE customer_accounts (
    id                              VARCHAR(64) NOT NULL PRIMARY KEY,
    type_id                         INTEGER     NOT NULL,
    first_name                      VARCHAR,
    last_name                       VARCHAR,
    email                           VARCHAR,
    confirmed                       BOOLEAN     NOT NULL,
    phone_number                    VARCHAR,
    locale                          VARCHAR,
    state                           INTEGER     NOT NULL,
    demographics                    VARCHAR     NOT NULL,
    optin_status_email              INTEGER     NOT NULL,
    optin_status_pn                 INTEGER     NOT NULL,
    has_pending_email_change        BOOLEAN     NOT NULL,
    has_pending_phone_number_change BOOLEAN     NOT NULL,
    is_social                       BOOLEAN     NOT NULL
);

-- No foreign key to customer_accounts: a deleted customer's sessions stay, so that their tokens
-- answer customer_not_found.
CREATE TABLE sessions (
    id                  BIGINT        NOT NULL PRIMARY KEY,
    customer_id         VARCHAR(64)   NOT NULL,
    application_id      BIGINT        NOT NULL,
    device_uuid         VARCHAR(128),
    started_at_ms       BIGINT        NOT NULL,
    current_jti         VARCHAR(255)  NOT NULL,
    current_token       VARCHAR(8192) NOT NULL,
    previous_jti        VARCHAR(255),
    rotated_at_ms       BIGINT,
    rotation_request_id VARCHAR(128),
    rotations           BIGINT        NOT NULL,
    revoked_at_ms       BIGINT,
    revocation_reason   VARCHAR(32)
);

CREATE INDEX sessions_customer_id ON sessions (customer_id);

CREATE SEQUENCE session_ids START WITH 1 INCREMENT BY 1;
