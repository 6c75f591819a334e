package org.vidshare.server.net;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.future.WriteFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vidshare.core.spi.Caller;

/**
 * One request on one connection, from its frame to its reply: the reply goes out in the
 * connection's dialect with one log line, then the connection closes or reads its next request.
 */
final class Exchange {
    private static final Logger REQUESTS = LoggerFactory.getLogger("org.vidshare.requests");

    private final Connection connection;
    private final String id;
    private final long started = System.nanoTime();
    private String type;
    private Caller caller;

    Exchange(Connection connection, String id, String type) {
        this.connection = connection;
        this.id = id;
        this.type = type;
        connection.requestOpened();
    }

    Connection connection() {
        return connection;
    }

    String id() {
        return id;
    }

    String type() {
        return type;
    }

    /** The command the request names once its dialect has been read, and who sent it. */
    void identify(String commandType, Caller sender) {
        this.type = commandType;
        this.caller = sender;
    }

    Caller caller() {
        return caller;
    }

    /** Writes the reply and logs the request; {@code whenWritten} runs once its last byte has left. */
    WriteFuture reply(Map<String, Object> body, Runnable whenWritten) {
        Map<String, Object> wire = connection.dialect().reply(type, body, connection.language());
        WriteFuture written = Writes.write(connection.io(), wire, f -> {
            connection.requestAnswered();
            whenWritten.run();
        });
        REQUESTS.info("[{}] {} user={} code={} ms={}", id, LogText.of(type),
                caller == null ? "-" : LogText.of(caller.name()), wire.get("code"),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return written;
    }

    /** Replies, then lets the connection read its next request once the reply is written. */
    void replyAndReadNext(Map<String, Object> body) {
        reply(body, connection::readNext);
    }

    /** Replies, then closes the connection. */
    void replyAndClose(Map<String, Object> body) {
        reply(body, connection::closeNow);
    }
}
