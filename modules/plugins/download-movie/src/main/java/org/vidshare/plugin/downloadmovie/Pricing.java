package org.vidshare.plugin.downloadmovie;

import org.vidshare.core.spi.Settings;

/** The configured prices and wait of downloads, read once per request. */
record Pricing(long movieVipCents, long movieRegularCents, long freeWaitSeconds) {
    static Pricing from(Settings settings) {
        return new Pricing(settings.getLong("price.movie-vip-cents"), settings.getLong("price.movie-regular-cents"),
                settings.getLong("download.free-wait-seconds"));
    }

    /** What a paid movie costs a user who has not bought it yet. */
    long moviePrice(boolean vip) {
        return vip ? movieVipCents : movieRegularCents;
    }
}
