package org.vidshare.server.net;

import java.time.Duration;
import java.util.Collection;
import java.util.function.Supplier;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The middle of a graceful stop, after the listeners stopped accepting: connections with nothing in
 * flight are closed at once (and each as soon as it falls quiet), transfers and requests under way get
 * up to the grace period to finish. What is still running then is the caller's to cut; an upload cut
 * so keeps its partial, and the client resumes it after the restart.
 */
public final class ShutdownDrain {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownDrain.class);
    private static final long POLL_MILLIS = 100;

    private ShutdownDrain() {
    }

    /** Returns how many connections were still busy when the grace period ended (0: all finished). */
    public static int drain(Supplier<Collection<IoSession>> open, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        boolean announced = false;
        while (true) {
            int busy = 0;
            for (IoSession io : open.get()) {
                Connection connection = Connection.of(io);
                if (connection == null || connection.quiet()) {
                    io.closeNow();
                } else {
                    busy++;
                }
            }
            if (busy == 0) {
                return 0;
            }
            if (System.nanoTime() - deadline >= 0) {
                LOG.warn("shutdown grace of {} s over: cutting {} connection(s) still busy (uploads stay resumable)",
                        grace.toSeconds(), busy);
                return busy;
            }
            if (!announced) {
                LOG.info("stopping: waiting up to {} s for {} connection(s) with a transfer or request in flight",
                        grace.toSeconds(), busy);
                announced = true;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return busy;
            }
        }
    }
}
