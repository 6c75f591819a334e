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
    };
}
