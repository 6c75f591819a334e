package org.vidshare.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * A live transfer ticket (docs/protocol.md, transfer_ticket): only the SHA-256 of the ticket is
 * stored, so a copy of the database logs nobody in. In the database rather than in one process's
 * memory so that any node sharing it accepts the ticket; the issuing session's id lets the issuing
 * node delete its tickets when that session ends.
 */
@Entity
@Table(name = "VS_TRANSFER_TICKET", indexes = {
        @Index(name = "IX_TICKET_SESSION", columnList = "SESSION_ID"),
        @Index(name = "IX_TICKET_USER", columnList = "USER_ID")})
public class TransferTicket {
    /** SHA-256 of the ticket, hex. */
    @Id
    @Column(name = "TICKET_HASH", length = 64)
    private String ticketHash;

    @Column(name = "USER_ID", nullable = false)
    private long userId;

    /** The issuing session's id (the SHA-256 of its token, hex). */
    @Column(name = "SESSION_ID", nullable = false, length = 64)
    private String sessionId;

    /** Epoch milliseconds after which the ticket is dead. */
    @Column(name = "EXPIRE_TIME", nullable = false)
    private long expireTime;

    protected TransferTicket() {
    }

    public TransferTicket(String ticketHash, long userId, String sessionId, long expireTime) {
        this.ticketHash = ticketHash;
        this.userId = userId;
        this.sessionId = sessionId;
        this.expireTime = expireTime;
    }

    public String getTicketHash() {
        return ticketHash;
    }

    public long getUserId() {
        return userId;
    }

    public String getSessionId() {
        return sessionId;
    }

    public long getExpireTime() {
        return expireTime;
    }
}
