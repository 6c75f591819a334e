package org.vidshare.server.net;

import org.apache.mina.core.future.DefaultWriteFuture;
import org.apache.mina.core.future.IoFutureListener;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.DefaultWriteRequest;

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
}
