package org.vidshare.server.net;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vidshare.core.codec.FrameReader;

/**
 * {@code protocol.header-timeout-seconds}: a header must be complete within that time of its first
 * byte. One sweep a second on the server's timer looks at every open connection (no thread or
 * timer per connection) and closes those whose frame is overdue: a client that trickles a header
 * a byte at a time would otherwise hold a connection, and up to a header's worth of memory, forever
 * (the idle timeout never fires while bytes keep coming).
 */
final class HeaderDeadlines {
    private static final Logger LOG = LoggerFactory.getLogger(HeaderDeadlines.class);
    private static final long SWEEP_MILLIS = 1000;

    private final long timeoutNanos;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();

    HeaderDeadlines(Duration timeout, ScheduledExecutorService scheduler) {
        this.timeoutNanos = timeout.toNanos();
        scheduler.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    void opened(Connection connection) {
        open.add(connection);
    }

    void closed(Connection connection) {
        open.remove(connection);
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Connection connection : open) {
            FrameReader reader = FrameReader.of(connection.io());
            if (reader != null && reader.headerOverdue(now, timeoutNanos)) {
                // No reply: a request may be complete any moment, and a reply racing its own would
                // break the one-reply-per-request order; a client this slow learns from the close.
                LOG.info("closing connection {} from {}: header not complete within {} s", connection.id(),
                        connection.remoteAddress(), TimeUnit.NANOSECONDS.toSeconds(timeoutNanos));
                connection.closeNow();
            }
        }
    }
}
