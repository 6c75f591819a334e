-- Failed logins per name and address (docs/protocol.md, Lockout scope) in the database, so that a
-- lock set on one node holds on every node that shares it (login.guard, docs/deployment.md).
CREATE TABLE VS_LOGIN_FAILURE (
    LOGIN_NAME VARCHAR(128) NOT NULL,
    ADDRESS VARCHAR(64) NOT NULL,
    FAILURES BIGINT NOT NULL,
    WINDOW_START BIGINT NOT NULL,
    LAST_FAILURE BIGINT NOT NULL,
    ADDRESS_FAILURES BIGINT NOT NULL,
    LOCKED_UNTIL BIGINT NOT NULL,
    IN_FLIGHT BIGINT NOT NULL,
    IN_FLIGHT_SINCE BIGINT NOT NULL,
    PRIMARY KEY (ADDRESS, LOGIN_NAME)
);
-- The key's order is EclipseLink's; it serves the per-address limit, the index unlock_user (by name).
CREATE INDEX IX_LOGIN_FAILURE_NAME ON VS_LOGIN_FAILURE (LOGIN_NAME);
