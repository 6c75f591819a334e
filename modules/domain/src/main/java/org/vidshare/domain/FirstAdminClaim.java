package org.vidshare.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The one row that says "the first admin was registered over the network" (docs/protocol.md, register,
 * register rule a). Its fixed primary key lets the database, not a lock in one process, decide
 * which of several concurrent requests wins, also when several server nodes share the database.
 */
@Entity
@Table(name = "VS_FIRST_ADMIN")
public class FirstAdminClaim {
    /** The only id the table ever holds. */
    public static final long ONLY = 1;

    @Id
    @Column(name = "ID")
    private long id;

    @Column(name = "USER_NAME", nullable = false, length = 128)
    private String userName;

    /** Epoch milliseconds. */
    @Column(name = "CLAIM_TIME", nullable = false)
    private long claimTime;

    protected FirstAdminClaim() {
    }

    public FirstAdminClaim(String userName, long claimTime) {
        this.id = ONLY;
        this.userName = userName;
        this.claimTime = claimTime;
    }

    public String getUserName() {
        return userName;
    }

    public long getClaimTime() {
        return claimTime;
    }
}
