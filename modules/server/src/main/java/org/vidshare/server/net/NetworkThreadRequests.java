package org.vidshare.server.net;

import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;
import org.vidshare.core.codec.Inbound;
import org.vidshare.core.spi.IncomingPayload;

/**
 * Sits between the codec and the worker pool and answers the core's cheap requests, {@code ping}
 * and {@code hello}, on the network thread that decoded them, and tries there the commands whose
 * spec says {@code fromMemory} (until they would wait: then they go on to the pool, see
 * {@link MoveToWorker}); everything else goes on to the pool.
 * Both only read and set fields of the connection and build a small reply from memory (no
 * database, no lock that a worker holds for long, no file), so a hand-off to a worker and back
 * (two thread switches and a selector wake-up per request) would cost many times the work itself.
 * One request at a time still holds: the codec decodes nothing more until the reply is written,
 * whichever thread answered. The connection is attached when its session opened, on this same
 * thread ({@link Dispatcher#sessionOpened} is not handed to the pool), so a refused connection is
 * never answered here.
 */
final class NetworkThreadRequests extends IoFilterAdapter {
    private final Dispatcher dispatcher;

    NetworkThreadRequests(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void messageReceived(NextFilter next, IoSession io, Object message) throws Exception {
        Connection connection = Connection.of(io);
        if (!(message instanceof Inbound.Frame frame) || frame.closingError() != null
                || frame.payload() != IncomingPayload.NONE || connection == null) {
            next.messageReceived(io, message);
        } else if (core(connection, frame)) {
            dispatcher.messageReceived(io, message);
        } else if (dispatcher.answersFromMemory(connection, frame)) {
            dispatcher.answerFromMemory(io, frame, () -> next.messageReceived(io, message));
        } else {
            next.messageReceived(io, message);
        }
    }

    private static boolean core(Connection connection, Inbound.Frame frame) {
        String type = frame.json().get("type").asText();
        // hello is never renamed (Dispatcher.onFrame reads it before the dialect); ping may be.
        return Hello.TYPE.equals(type) || PingHandler.TYPE.equals(connection.dialect().commandType(type));
    }
}
