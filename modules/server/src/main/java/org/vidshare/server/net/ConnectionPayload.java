package org.vidshare.server.net;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.vidshare.core.codec.FrameDecoder;
import org.vidshare.core.spi.IncomingPayload;
import org.vidshare.core.spi.PayloadAbortedException;
import org.vidshare.core.spi.PayloadSink;

/** The payload announced by an upload header on one connection: claimed once, by a handler or by the discard. */
final class ConnectionPayload implements IncomingPayload {
    private final Connection connection;
    private final long length;
    private final AtomicBoolean claimed = new AtomicBoolean();

    ConnectionPayload(Connection connection, long length) {
        this.connection = connection;
        this.length = length;
    }

    @Override
    public long length() {
        return length;
    }

    boolean claimed() {
        return claimed.get();
    }

    @Override
    public CompletionStage<Void> receiveInto(PayloadSink sink) {
        if (!claimed.compareAndSet(false, true)) {
            throw new IllegalStateException("the payload is already being received");
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!connection.io().isConnected()) {
            // Closed while the handler decided: what did arrive still goes to the sink (a resumable
            // upload keeps it), then the payload ends here, as sessionClosed has nothing to complete.
            FrameDecoder.drainAfterClose(connection.io(), sink);
            done.completeExceptionally(new PayloadAbortedException("connection closed before the payload", null));
            return done;
        }
        connection.transfer(Connection.Transfer.RECEIVING);
        connection.expectPayloadDone(done);
        FrameDecoder.Attached attached = FrameDecoder.attachSink(connection.io(), sink);
        if (attached.complete()) {
            CompletableFuture<Void> mine = connection.takePayloadDone();
            if (mine != null) {
                complete(mine, attached.failure());
            }
        }
        return done.whenComplete((ok, error) -> connection.transfer(Connection.Transfer.NONE));
    }

    static void complete(CompletableFuture<Void> future, Exception failure) {
        if (failure == null) {
            future.complete(null);
        } else {
            future.completeExceptionally(new PayloadAbortedException("the payload could not be stored: " + failure, failure));
        }
    }
}
