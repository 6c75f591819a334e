package org.vidshare.server.net;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.mina.core.filterchain.IoFilter;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code server.max-busy-workers-per-address}: at most that many requests of one address are in the
 * worker pool (queued or running) at once; the address's next ones wait here, parked without a thread,
 * and enter in arrival order as its earlier ones finish. Without it a flood of cheap requests from one
 * address keeps every worker runnable, and the kernel shares the cores per thread, not per address:
 * another address's login then gets a sliver of a core for its password hash. A connection reads one
 * request at a time, so what waits here is bounded by the address's connections.
 *
 * <p>{@link #admission()} sits before the worker pool, {@link #completion()} right after it (on the
 * worker, around the dispatcher). A parked request enters the pool under the same lock that drops a
 * closed connection's parked requests, so none enters after its connection's close event: the pool
 * runs a connection's events in order, and a request served after the close would outlive it.
 */
final class AddressShares {
    private static final Logger LOG = LoggerFactory.getLogger(AddressShares.class);

    private final int perAddress;
    private final Map<String, Share> shares = new ConcurrentHashMap<>();

    AddressShares(int perAddress) {
        this.perAddress = perAddress;
    }

    IoFilter admission() {
        return new IoFilterAdapter() {
            @Override
            public void messageReceived(NextFilter next, IoSession io, Object message) {
                Connection connection = Connection.of(io);
                if (connection == null) {
                    next.messageReceived(io, message);
                } else {
                    admit(connection.addressKey(), new Parked(next, io, message));
                }
            }

            @Override
            public void sessionClosed(NextFilter next, IoSession io) throws Exception {
                Connection connection = Connection.of(io);
                if (connection != null) {
                    forget(connection.addressKey(), io);
                }
                next.sessionClosed(io);
            }
        };
    }

    IoFilter completion() {
        return new IoFilterAdapter() {
            @Override
            public void messageReceived(NextFilter next, IoSession io, Object message) {
                try {
                    next.messageReceived(io, message);
                } finally {
                    Connection connection = Connection.of(io);
                    if (connection != null) {
                        release(connection.addressKey());
                    }
                }
            }
        };
    }

    private void admit(String address, Parked request) {
        shares.compute(address, (key, existing) -> {
            Share share = existing == null ? new Share() : existing;
            if (share.busy < perAddress && share.waiting.isEmpty()) {
                share.busy += enter(request) ? 1 : 0;
            } else {
                share.waiting.addLast(request);
            }
            return share;
        });
    }

    private void release(String address) {
        shares.computeIfPresent(address, (key, share) -> {
            share.busy--;
            while (share.busy < perAddress && !share.waiting.isEmpty()) {
                share.busy += enter(share.waiting.pollFirst()) ? 1 : 0;
            }
            return share.isIdle() ? null : share;
        });
    }

    private void forget(String address, IoSession io) {
        shares.computeIfPresent(address, (key, share) -> {
            share.waiting.removeIf(parked -> parked.io() == io);
            return share.isIdle() ? null : share;
        });
    }

    /**
     * Hands the request to the pool (a queue insert: it never waits); false when a stopping pool refused
     * it, so that it is not counted (the connection closes with the server).
     */
    private static boolean enter(Parked request) {
        try {
            request.next().messageReceived(request.io(), request.message());
            return true;
        } catch (RuntimeException e) {
            LOG.debug("request of connection {} not handed to the workers: {}", request.io().getId(), e.toString());
            return false;
        }
    }

    private record Parked(IoFilter.NextFilter next, IoSession io, Object message) {
    }

    /** Guarded by the map's lock on the address: touched only inside compute. */
    private static final class Share {
        int busy;
        final ArrayDeque<Parked> waiting = new ArrayDeque<>();

        boolean isIdle() {
            return busy == 0 && waiting.isEmpty();
        }
    }
}
