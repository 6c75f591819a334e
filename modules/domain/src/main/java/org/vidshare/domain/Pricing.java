package org.vidshare.domain;

import java.time.Duration;
import java.time.Instant;
import org.vidshare.core.spi.Settings;

/**
 * What VIP and a movie cost a user and how long a download makes them wait: the one place these
 * rules live, so that the price {@code get_movie_list} shows is the price {@code download_movie}
 * charges, and the VIP price a client states before buying ({@code buy_vip}'s feature) is the one
 * {@code buy_vip} charges. Built from the configuration once per request.
 *
 * @param vipCents the price of VIP: paid once, VIP then never expires (there is no term)
 */
public record Pricing(long vipCents, long movieVipCents, long movieRegularCents, long freeWaitSeconds,
                      Duration resumeGrace) {
    public static Pricing from(Settings settings) {
        return new Pricing(settings.getLong("price.vip-cents"),
                settings.getLong("price.movie-vip-cents"), settings.getLong("price.movie-regular-cents"),
                settings.getLong("download.free-wait-seconds"),
                Duration.ofMinutes(settings.getLong("download.resume-grace-minutes")));
    }

    /**
     * What {@code user} pays for {@code movie} now: nothing for an admin, a free movie or one already
     * bought, else the VIP or the regular price. A paid movie is charged once per user.
     */
    public long priceFor(Movie movie, User user, boolean alreadyBought) {
        return priceFor(movie.isFree(), user.isAdmin(), user.isVip(), alreadyBought);
    }

    /** The same rule from the facts it needs, for a caller that keeps them without the entities (a list cache). */
    public long priceFor(boolean freeMovie, boolean admin, boolean vip, boolean alreadyBought) {
        if (admin || freeMovie || alreadyBought) {
            return 0;
        }
        return vip ? movieVipCents : movieRegularCents;
    }

    /**
     * How long {@code user} waits before the bytes of {@code movie} start: only non-VIP users, on
     * free movies, and on a resume within the grace of the download it continues ({@code resumed}:
     * that download's record, dated when its bytes were to start; null for a new download) only
     * what is left of that download's wait: a non-VIP user waits once per download, not once per
     * reconnect or pause.
     */
    public long waitSecondsFor(Movie movie, User user, DownloadRecord resumed, Instant now) {
        Instant started = resumed == null ? null : Instant.ofEpochMilli(resumed.getDownloadTime());
        if (started != null && !now.isAfter(started.plus(resumeGrace))) {
            long leftMillis = Math.max(0, started.toEpochMilli() - now.toEpochMilli());
            return (leftMillis + 999) / 1000;
        }
        return movie.isFree() && !user.isAdmin() && !user.isVip() ? freeWaitSeconds : 0;
    }
}
