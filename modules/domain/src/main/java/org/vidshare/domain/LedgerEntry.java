package org.vidshare.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;

/**
 * One change of a wallet with its signed amount (+ money in, - charges). A user's balance always
 * equals the sum of their entries: every balance change commits together with its entry.
 */
@Entity
@Table(name = "VS_LEDGER", indexes = @Index(name = "IX_LEDGER_USER", columnList = "USER_ID,ENTRY_TIME"))
public class LedgerEntry {
    public static final String INITIAL = "initial";
    public static final String RECHARGE = "recharge";
    public static final String GRANT = "grant";
    public static final String VIP = "vip";
    public static final String MOVIE = "movie";

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "ledger_ids")
    @TableGenerator(name = "ledger_ids", table = "VS_IDS", pkColumnValue = "ledger", allocationSize = 50)
    private long id;

    @Column(name = "USER_ID", nullable = false)
    private long userId;

    @Column(name = "KIND", nullable = false, length = 16)
    private String kind;

    @Column(name = "AMOUNT_CENTS", nullable = false)
    private long amountCents;

    /** The movie bought, for kind {@code movie}; null otherwise. */
    @Column(name = "MOVIE_ID")
    private Long movieId;

    @Column(name = "ENTRY_TIME", nullable = false)
    private long time;

    protected LedgerEntry() {
    }

    public LedgerEntry(long userId, String kind, long amountCents, Long movieId, long time) {
        this.userId = userId;
        this.kind = kind;
        this.amountCents = amountCents;
        this.movieId = movieId;
        this.time = time;
    }

    public long getId() {
        return id;
    }

    public long getUserId() {
        return userId;
    }

    public String getKind() {
        return kind;
    }

    public long getAmountCents() {
        return amountCents;
    }

    public Long getMovieId() {
        return movieId;
    }

    public long getTime() {
        return time;
    }
}
