package org.vidshare.server.net;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.future.WriteFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.vidshare.core.codec.PayloadReceiver;
import org.vidshare.core.spi.Caller;
import org.vidshare.core.spi.IncomingPayload;

/**
 * One request on one connection, from its frame to its reply: the reply goes out in the
 * connection's dialect with one log line, then the connection closes or reads its next request.
 *
 * <p>The request line (logger {@code org.vidshare.requests}) is written here and nowhere else:
 * {@code [id] type from=ADDRESS user=NAME code=CODE ms=N bytes=N}, where bytes are the upload
 * payload bytes that arrived with the request (an upload replies after its last byte). A download
 * replies before its bytes, so its reply line says {@code bytes=0} and a second line, {@code [id]
 * type transfer done ... bytes=N ms=N}, follows when the file has left ({@link #transferDone}),
 * or {@code [id] type transfer cut ...} when the connection closed first ({@link #transferCut}).
 */
final class Exchange {
    private static final Logger REQUESTS = LoggerFactory.getLogger("org.vidshare.requests");

    private final Connection connection;
    private final String id;
    private final long started = System.nanoTime();
    private String type;
    private Caller caller;
    private IncomingPayload payload;

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

    /** The payload the request announced (null: none), whose arrived bytes the log line counts. */
    void payload(IncomingPayload announced) {
        this.payload = announced;
    }

    /** Writes the reply and logs the request; {@code whenWritten} runs once its last byte has left. */
    WriteFuture reply(Map<String, Object> body, Runnable whenWritten) {
        Map<String, Object> wire = connection.dialect().reply(type, body, connection.language());
        WriteFuture written = Writes.write(connection.io(), wire, f -> {
            connection.requestAnswered();
            whenWritten.run();
        });
        Level level = levelOf(type);
        if (REQUESTS.isEnabledForLevel(level)) {
            long bytesIn = payload instanceof PayloadReceiver receiver ? receiver.received() : 0;
            REQUESTS.atLevel(level).log("[{}] {} from={} user={} code={} ms={} bytes={}", id, LogText.of(type),
                    connection.remoteAddress(), user(), wire.get("code"), elapsedMillis(), bytesIn);
        }
        connection.requests().requestDone(type, body.get("code"), System.nanoTime() - started);
        return written;
    }

    /** The second line of a download: its file has left (all {@code bytes} of it), this long after the request. */
    void transferDone(long bytes) {
        REQUESTS.info("[{}] {} transfer done from={} user={} ms={} bytes={}", id, LogText.of(type),
                connection.remoteAddress(), user(), elapsedMillis(), bytes);
    }

    /** The connection closed before the file had left (the client went, or the server stopped). */
    void transferCut() {
        REQUESTS.info("[{}] {} transfer cut from={} user={} ms={}", id, LogText.of(type),
                connection.remoteAddress(), user(), elapsedMillis());
    }

    /**
     * {@code ping} is logged at DEBUG: a keep-alive that reads and changes nothing, sent by every idle
     * client, whose INFO line (a formatted line and a write system call each) cost about as much as
     * answering it and drowned the lines of the requests that do something. Every other request,
     * refused ones included, keeps its INFO line: that is the log's audit value.
     */
    private static Level levelOf(String commandType) {
        return PingHandler.TYPE.equals(commandType) ? Level.DEBUG : Level.INFO;
    }

    private String user() {
        return caller == null ? "-" : LogText.of(caller.name());
    }

    private long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
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
