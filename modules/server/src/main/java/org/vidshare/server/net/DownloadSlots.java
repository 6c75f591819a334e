package org.vidshare.server.net;

import java.util.concurrent.atomic.AtomicInteger;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.spi.CommandException;

/**
 * The server-wide cap on downloads under way ({@code download.max-concurrent}): each holds a slot
 * from before its handler runs (so a refusal charges and records nothing) until its file is closed
 * or its connection drops, waits included, so that neither open files nor scheduled opens grow
 * without bound. A connection holds at most one slot: during a transfer it serves only ping.
 */
final class DownloadSlots {
    private final int max;
    private final AtomicInteger held = new AtomicInteger();

    DownloadSlots(int max) {
        this.max = max;
    }

    /** Takes the connection's slot, or {@code too_many_requests} with nothing taken. */
    void take(Connection connection) throws CommandException {
        if (!connection.claimDownloadSlot()) {
            return;
        }
        if (held.incrementAndGet() > max) {
            held.decrementAndGet();
            connection.releaseDownloadSlot();
            throw new CommandException(ErrorCode.TOO_MANY_REQUESTS, "服务器同时进行的下载过多, 请稍后再试",
                    "Too many downloads under way on the server: try again later");
        }
    }

    /** Gives the connection's slot back; a second call, or one for a connection without a slot, does nothing. */
    void release(Connection connection) {
        if (connection.releaseDownloadSlot()) {
            held.decrementAndGet();
        }
    }

    /** Slots held now. */
    int held() {
        return held.get();
    }
}
