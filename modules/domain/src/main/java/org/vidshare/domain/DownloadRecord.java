package org.vidshare.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import java.time.Instant;

/** One granted download: who, which movie, when, and what it cost. */
@Entity
@Table(name = "VS_DOWNLOAD_RECORD", indexes = @Index(name = "IX_RECORD_USER", columnList = "USER_ID,DOWNLOAD_TIME"))
public class DownloadRecord {
    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "record_ids")
    @TableGenerator(name = "record_ids", table = "VS_IDS", pkColumnValue = "record", allocationSize = 50)
    private long id;

    @Column(name = "USER_ID", nullable = false)
    private long userId;

    @Column(name = "MOVIE_ID", nullable = false)
    private long movieId;

    @Column(name = "DOWNLOAD_TIME", nullable = false)
    private long downloadTime;

    @Column(name = "PRICE_CENTS", nullable = false)
    private long priceCents;

    protected DownloadRecord() {
    }

    private DownloadRecord(long userId, long movieId, long downloadTime, long priceCents) {
        this.userId = userId;
        this.movieId = movieId;
        this.downloadTime = downloadTime;
        this.priceCents = priceCents;
    }

    /**
     * The record of {@code user} downloading {@code movie} at {@code at} for {@code priceCents}. The
     * distinct types keep price and time from being swapped (both are stored as numbers).
     */
    public static DownloadRecord of(User user, Movie movie, long priceCents, Instant at) {
        return new DownloadRecord(user.getId(), movie.getId(), at.toEpochMilli(), priceCents);
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

    public long getDownloadTime() {
        return downloadTime;
    }

    public long getPriceCents() {
        return priceCents;
    }
}
