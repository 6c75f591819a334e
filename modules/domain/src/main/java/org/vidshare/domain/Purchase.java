package org.vidshare.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;

/** A paid movie bought by a user: at most one per user and movie, so nothing is charged twice. */
@Entity
@Table(name = "VS_PURCHASE", uniqueConstraints = @UniqueConstraint(name = "UQ_PURCHASE", columnNames = {"USER_ID", "MOVIE_ID"}))
public class Purchase {
    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "purchase_ids")
    @TableGenerator(name = "purchase_ids", table = "VS_IDS", pkColumnValue = "purchase", allocationSize = 50)
    private long id;

    @Column(name = "USER_ID", nullable = false)
    private long userId;

    @Column(name = "MOVIE_ID", nullable = false)
    private long movieId;

    @Column(name = "PRICE_CENTS", nullable = false)
    private long priceCents;

    @Column(name = "PURCHASE_TIME", nullable = false)
    private long purchaseTime;

    protected Purchase() {
    }

    private Purchase(long userId, long movieId, long priceCents, long purchaseTime) {
        this.userId = userId;
        this.movieId = movieId;
        this.priceCents = priceCents;
        this.purchaseTime = purchaseTime;
    }

    /**
     * {@code user} buying {@code movie} at {@code at} for {@code priceCents}. The distinct types keep
     * price and time from being swapped (both are stored as numbers).
     */
    public static Purchase of(User user, Movie movie, long priceCents, Instant at) {
        return new Purchase(user.getId(), movie.getId(), priceCents, at.toEpochMilli());
    }

    public long getId() {
        return id;
    }

    public long getUserId() {
        return userId;
    }

    public long getMovieId() {
        return movieId;
    }

    public long getPriceCents() {
        return priceCents;
    }

    public long getPurchaseTime() {
        return purchaseTime;
    }
}
