package org.vidshare.server.net;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.future.DefaultWriteFuture;
import org.apache.mina.core.future.IoFutureListener;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.DefaultWriteRequest;
import org.apache.mina.core.write.WriteRequest;

/**
 * Writes whose "written" step is registered before the write is queued, so that it runs on the
 * network thread right as the last byte leaves, before that thread reads anything more. With
 * {@code session.write(m).addListener(l)} the write can finish first, and a fast client's next
 * request, read meanwhile, would find the connection not yet ready for it.
 */
final class Writes {
    private Writes() {
    }

    static WriteFuture write(IoSession session, Object message, IoFutureListener<WriteFuture> whenWritten) {
        WriteFuture future = new DefaultWriteFuture(session);
        future.addListener(whenWritten);
        session.getFilterChain().fireFilterWrite(new DefaultWriteRequest(message, future, null));
        return future;
    }

    /**
     * As {@link #write}, for a buffer the caller means to refill: true when the filters took every
     * byte of it before this returned (the TLS filter encrypts a write at once into a buffer of its
     * own), so the buffer is the caller's again; false while bytes of it are still to leave.
     * The caller's own buffer cannot tell: MINA's write request holds a duplicate of it, whose
     * position is the one that moves.
     */
    static boolean writeBuffer(IoSession session, IoBuffer buffer, IoFutureListener<WriteFuture> whenWritten) {
        WriteFuture future = new DefaultWriteFuture(session);
        future.addListener(whenWritten);
        WriteRequest request = new DefaultWriteRequest(buffer, future, null);
        session.getFilterChain().fireFilterWrite(request);
        return !((IoBuffer) request.getMessage()).hasRemaining();
    }
}
