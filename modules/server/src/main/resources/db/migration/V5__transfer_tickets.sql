-- Transfer tickets (docs/protocol.md, transfer_ticket): only the SHA-256 of a ticket is stored; the
-- issuing session's id lets its node delete them when the session ends.
CREATE TABLE VS_TRANSFER_TICKET (
    TICKET_HASH VARCHAR(64) NOT NULL,
    EXPIRE_TIME BIGINT NOT NULL,
    SESSION_ID VARCHAR(64) NOT NULL,
    USER_ID BIGINT NOT NULL,
    PRIMARY KEY (TICKET_HASH)
);
CREATE INDEX IX_TICKET_SESSION ON VS_TRANSFER_TICKET (SESSION_ID);
CREATE INDEX IX_TICKET_USER ON VS_TRANSFER_TICKET (USER_ID);
