package org.vidshare.core.spi;

import java.util.concurrent.CompletionStage;

/** The raw bytes that follow a request (an upload), streamed into a sink and never held whole. */
public interface IncomingPayload {
    /** The byte count the request announced. */
    long length();

    /**
     * Starts streaming into {@code sink}. The stage completes (on a worker thread) when the last byte
     * is in, or fails with {@link PayloadAbortedException} when the connection drops or stalls first.
     */
    CompletionStage<Void> receiveInto(PayloadSink sink);

    /**
     * Reads no more of this payload from the peer until {@link #resume()}: its bytes wait in the
     * socket (TCP back-pressure), so a sink that falls behind on something slower than the network
     * (its disk) is kept from falling further behind, and never waits on the network thread. Any
     * thread; a pause while paused, or once the last byte is in, does nothing. While paused, the
     * upload stall timeout does not cut the connection (the peer waits for the server; it has not
     * stalled), so a sink that pauses must resume: a pause left on holds the connection open.
     */
    void pause();

    /** Reads on after {@link #pause()} (any thread); does nothing when not paused. */
    void resume();

    /** A payload of zero bytes, for requests that carry none. */
    IncomingPayload NONE = new IncomingPayload() {
        @Override
        public long length() {
            return 0;
        }

        @Override
        public CompletionStage<Void> receiveInto(PayloadSink sink) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }

        @Override
        public void pause() {
            // Nothing to read.
        }

        @Override
        public void resume() {
            // Nothing to read.
        }
    };
}
