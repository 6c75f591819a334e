package org.vidshare.client.swing.model;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a transfer waits before its next reconnect: 1, 2, 4, 8, 16 s, then 30 s for as long as
 * the server stays away, each within ±20 % so that many clients cut by one server restart do not
 * all come back in the same second.
 */
public final class Backoff {
    static final long FIRST_MILLIS = 1_000;
    static final long CAP_MILLIS = 30_000;
    private static final double JITTER = 0.2;

    private Backoff() {
    }

    /** The pause before reconnect number {@code attempt} (1 = the first after a drop), jitter included. */
    public static long delayMillis(int attempt) {
        return withJitter(baseMillis(attempt), ThreadLocalRandom.current().nextDouble());
    }

    /** The pause without jitter: doubling from one second, capped at thirty. */
    public static long baseMillis(int attempt) {
        int doublings = Math.max(0, Math.min(attempt - 1, 30));
        return Math.min(CAP_MILLIS, FIRST_MILLIS << doublings);
    }

    /** {@code base} moved by up to ±20 %, by {@code random} in [0, 1). */
    static long withJitter(long base, double random) {
        return Math.round(base * (1 - JITTER + 2 * JITTER * random));
    }
}
