package org.vidshare.core.codec;

import java.util.concurrent.atomic.LongAdder;

/**
 * How long payload reads were held back, by reason, summed over every connection of a server: a
 * figure for operators (metrics), since a held-back upload only looks slow from outside. Held for
 * lent buffers: an upload's hasher was behind (CPU). Paused by the sink: what it writes to was
 * behind (an upload's disk, with upload.sync-before-publish).
 */
public final class ReadHolds {
    private final LongAdder forLentBuffersNanos = new LongAdder();
    private final LongAdder pausedBySinkNanos = new LongAdder();

    void heldForLentBuffers(long nanos) {
        forLentBuffersNanos.add(nanos);
    }

    void pausedBySink(long nanos) {
        pausedBySinkNanos.add(nanos);
    }

    /** Seconds reads were held while a sink kept every buffer it may be lent (holds still on are not in it yet). */
    public double secondsForLentBuffers() {
        return forLentBuffersNanos.sum() / 1e9;
    }

    /** Seconds reads were paused by their sink ({@code IncomingPayload.pause}; holds still on are not in it yet). */
    public double secondsPausedBySink() {
        return pausedBySinkNanos.sum() / 1e9;
    }
}
