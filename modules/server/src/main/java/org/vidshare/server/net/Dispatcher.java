package org.vidshare.server.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vidshare.core.codec.FrameDecoder;
import org.vidshare.core.codec.Inbound;
import org.vidshare.core.protocol.Commands;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.protocol.Frames;
import org.vidshare.core.protocol.Language;
import org.vidshare.core.protocol.Text;
import org.vidshare.core.spi.Caller;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.IncomingPayload;
import org.vidshare.core.spi.PayloadSink;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;
import org.vidshare.core.spi.Role;
import org.vidshare.server.plugin.PluginRegistry;

/**
 * Serves every connection, one request at a time, in a fixed order: decode, find the handler
 * ({@code unknown_type}), role gate ({@code not_logged_in}, {@code forbidden}), run it on a worker,
 * reply. Runs behind an {@code ExecutorFilter}, so nothing here runs on a network I/O thread.
 */
public final class Dispatcher extends IoHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final Logger REQUESTS = LoggerFactory.getLogger("org.vidshare.requests");

    private final ServerServices services;
    private final int maxConnectionsPerAddress;
    /**
     * Open connections per address. Changed only inside the map's atomic merge/compute: with a
     * separate counter object, a close that brought it to 0 and removed it could race an open that
     * had just picked up the same object, and the open connection was no longer counted.
     */
    private final Map<String, Integer> connectionsPerAddress = new ConcurrentHashMap<>();
    /**
     * Writes that may wait on one connection before it counts as a client that does not read. A
     * well-behaved one has one reply, or a reply and a few download chunks (TLS records), waiting.
     */
    private static final int MAX_UNREAD_WRITES = 256;

    private final SecureRandom random = new SecureRandom();
    private volatile int tlsPort;
    private final UploadLimits uploadLimits;
    private final DownloadSender downloads;

    public Dispatcher(ServerServices services, int maxConnectionsPerAddress) {
        this.services = services;
        this.maxConnectionsPerAddress = maxConnectionsPerAddress;
        this.uploadLimits = new UploadLimits(
                services.config().getInt(org.vidshare.server.config.ConfigKey.UPLOAD_MAX_CONCURRENT_PER_USER),
                services.config().dataDir());
        this.downloads = new DownloadSender(services.scheduler());
    }

    /** Announces the TLS listener in hello replies, so that clients can move to it. */
    public void announceTlsPort(int port) {
        this.tlsPort = port;
    }

    @Override
    public void sessionOpened(IoSession io) {
        Connection connection = Connection.attach(io, services.defaultLanguage());
        int count = connectionsPerAddress.merge(connection.remoteAddress(), 1, Integer::sum);
        if (count > maxConnectionsPerAddress) {
            // Whatever the client already sent must not be served: one reply, then the close.
            connection.refuse();
            send(connection, "-", "connect", null, Replies.error(connection.language(), new CommandException(
                    ErrorCode.TOO_MANY_REQUESTS, "来自该地址的连接过多", "Too many connections from this address")), true, System.nanoTime());
        }
    }

    @Override
    public void sessionClosed(IoSession io) {
        Connection connection = Connection.of(io);
        if (connection == null) {
            return;
        }
        services.sessions().close(connection);
        CompletableFuture<Void> payload = connection.takePayloadDone();
        if (payload != null) {
            payload.completeExceptionally(new org.vidshare.core.spi.PayloadAbortedException("connection closed", null));
        }
        connectionsPerAddress.computeIfPresent(connection.remoteAddress(), (address, count) -> count <= 1 ? null : count - 1);
    }

    @Override
    public void sessionIdle(IoSession io, IdleStatus status) {
        Connection connection = Connection.of(io);
        if (connection == null) {
            return;
        }
        if (status == IdleStatus.READER_IDLE && FrameDecoder.isInPayload(io)) {
            LOG.info("closing connection {}: upload payload stalled", io.getId());
            io.closeNow();
        } else if (status == IdleStatus.BOTH_IDLE && connection.transfer() == Connection.Transfer.NONE) {
            LOG.debug("closing idle connection {}", io.getId());
            io.closeNow();
        } else if (status == IdleStatus.BOTH_IDLE && connection.transfer() == Connection.Transfer.SENDING) {
            // A download that moved no byte for the whole idle timeout: the client stopped reading.
            // Left open, it would hold the connection and the movie's open file forever.
            LOG.info("closing connection {}: download stalled, the client reads nothing", io.getId());
            io.closeNow();
        }
    }

    @Override
    public void exceptionCaught(IoSession io, Throwable cause) {
        if (cause instanceof javax.net.ssl.SSLException) {
            // The TLS layer has already queued its alert (e.g. protocol_version for TLS 1.1); closeNow
            // could drop it, closeOnFlush sends what is queued first (it bypasses the filter chain).
            LOG.debug("connection {}: TLS failure: {}", io.getId(), cause.toString());
            io.closeOnFlush();
            return;
        }
        if (cause instanceof IOException) {
            LOG.debug("connection {}: {}", io.getId(), cause.toString());
        } else {
            LOG.warn("connection {} failed", io.getId(), cause);
        }
        io.closeNow();
    }

    @Override
    public void messageReceived(IoSession io, Object message) {
        Connection connection = Connection.of(io);
        if (connection == null || connection.refused()) {
            return;
        }
        if (message instanceof Inbound.Frame frame) {
            onFrame(connection, frame);
        } else if (message instanceof Inbound.PayloadDone done) {
            CompletableFuture<Void> future = connection.takePayloadDone();
            if (future != null) {
                ConnectionPayload.complete(future, done.failure());
            }
        } else if (message instanceof Inbound.Malformed malformed) {
            send(connection, newRequestId(), "?", null, Replies.error(connection.language(), CommandException.badRequest(
                    "请求不是带字符串 type 的有效 JSON 对象",
                    "request is not a valid JSON object with a string type: " + malformed.reason())), false, System.nanoTime());
        } else if (message instanceof Inbound.BadFrame bad) {
            send(connection, newRequestId(), "?", null, Replies.error(connection.language(), new CommandException(ErrorCode.BAD_FRAME,
                    "帧长度 " + bad.length() + " 超出范围", "frame length " + bad.length() + " out of range")), true, System.nanoTime());
        }
    }

    private void onFrame(Connection connection, Inbound.Frame frame) {
        long started = System.nanoTime();
        String requestId = newRequestId();
        ObjectNode json = frame.json();
        String type = json.get("type").asText();
        if (frame.closingError() != null) {
            CommandException failure = new CommandException(frame.closingError(), frame.closingText()).closing();
            send(connection, requestId, type, null, Replies.error(connection.language(), failure), true, started);
            return;
        }
        if (Commands.HELLO.equals(type)) {
            Map<String, Object> reply = hello(connection, json);
            send(connection, requestId, type, null, reply, false, started);
            return;
        }
        boolean classic = !connection.isV1();
        if (classic) {
            json = ClassicDialect.request(json);
            type = json.get("type").asText();
        }
        Caller caller = services.sessions().resolve(textOrNull(json.get("session")), connection).orElse(null);
        ConnectionPayload payload = frame.payloadLength() > 0 ? new ConnectionPayload(connection, frame.payloadLength()) : null;
        CompletionStage<Reply> outcome = run(connection, caller, type, json, payload);
        if (payload != null) {
            outcome = discardUnclaimed(payload, outcome);
        }
        String command = type;
        outcome.whenComplete((reply, failure) -> {
            if (failure == null) {
                Object body = Replies.inDialect(classic, command, Replies.success(connection.language(), reply), connection.language());
                if (reply.file() != null) {
                    // Before the reply leaves: once the client has it, a lock_user must find this
                    // connection busy with a transfer (and close it), never idle.
                    connection.transfer(DownloadSender.initialState(reply.file()));
                }
                send(connection, requestId, command, caller, body, false, started);
                if (reply.file() != null) {
                    downloads.send(connection, reply.file());
                }
            } else {
                CommandException expected = expected(failure, requestId, command);
                send(connection, requestId, command, caller,
                        Replies.inDialect(classic, command, Replies.error(connection.language(), expected), connection.language()),
                        expected.closesConnection(), started);
            }
        });
    }

    /** Finds the handler, checks the role, and runs it; every failure becomes a failed stage. */
    private CompletionStage<Reply> run(Connection connection, Caller caller, String type, ObjectNode json,
                                       ConnectionPayload payload) {
        try {
            PluginRegistry.Loaded loaded = services.plugins().find(type);
            if (loaded == null) {
                throw new CommandException(ErrorCode.UNKNOWN_TYPE, "未知的请求类型 " + type, "unknown request type " + type);
            }
            if (loaded.spec().audience().needsLogin() && caller == null) {
                throw CommandException.of(ErrorCode.NOT_LOGGED_IN);
            }
            if (!loaded.spec().audience().admits(caller == null ? null : caller.role())) {
                throw CommandException.of(ErrorCode.FORBIDDEN);
            }
            if (!loaded.handler().available(services.config())) {
                // A loaded command that the configuration turns off (recharge without a payment provider).
                throw new CommandException(ErrorCode.FORBIDDEN, "该功能已关闭", "This feature is turned off");
            }
            if (payload == null) {
                return handle(loaded, connection, caller, type, json, IncomingPayload.NONE);
            }
            Runnable release = uploadLimits.admit(caller, payload.length());
            CompletionStage<Reply> outcome;
            try {
                outcome = handle(loaded, connection, caller, type, json, payload);
            } catch (CommandException | RuntimeException e) {
                release.run();
                throw e;
            }
            return outcome.whenComplete((reply, failure) -> release.run());
        } catch (CommandException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletionStage<Reply> handle(PluginRegistry.Loaded loaded, Connection connection, Caller caller, String type,
                                          ObjectNode json, IncomingPayload payload) throws CommandException {
        Reply reply = loaded.handler().handle(Request.of(json), new RequestContext(services, connection, caller, payload));
        if (reply == null) {
            throw new IllegalStateException("handler of '" + type + "' returned no reply");
        }
        return reply.later() != null ? reply.later() : CompletableFuture.completedFuture(reply);
    }

    /**
     * A rejected request's payload is still on the wire: read and drop it before the reply, so the
     * connection stays in sync. A closing error needs no such care.
     */
    private static CompletionStage<Reply> discardUnclaimed(ConnectionPayload payload, CompletionStage<Reply> outcome) {
        return outcome.handle((reply, failure) -> {
            if (payload.claimed() || (failure != null && unwrap(failure) instanceof CommandException ce && ce.closesConnection())) {
                return outcome;
            }
            return payload.receiveInto(PayloadSink.DISCARD).thenCompose(done -> outcome);
        }).thenCompose(stage -> stage);
    }

    private Map<String, Object> hello(Connection connection, ObjectNode json) {
        JsonNode protocol = json.get("protocol");
        if (protocol != null && !protocol.isNull() && !(protocol.isIntegralNumber() && protocol.canConvertToLong()
                && protocol.asLong() == Frames.PROTOCOL_VERSION)) {
            Map<String, Object> reply = Replies.error(connection.language(), CommandException.badRequest(
                    "不支持的协议版本", "unsupported protocol version"));
            reply.put("protocol", Frames.PROTOCOL_VERSION);
            return reply;
        }
        connection.language(Language.fromTag(textOrNull(json.get("lang"))).orElse(services.defaultLanguage()));
        connection.markV1();
        Role role = services.sessions().resolve(connection.sessionToken(), connection).map(Caller::role).orElse(null);
        Map<String, Object> reply = Replies.base(true, ErrorCode.OK, Text.of("你好", "Hello"), connection.language());
        reply.put("protocol", Frames.PROTOCOL_VERSION);
        reply.put("server", "vidshare/1.0");
        if (tlsPort > 0) {
            reply.put("tls_port", tlsPort);
        }
        reply.put("features", FeatureCatalog.forRole(services.plugins(), services.config(), role, connection.language()));
        return reply;
    }

    private CommandException expected(Throwable failure, String requestId, String type) {
        Throwable cause = unwrap(failure);
        if (cause instanceof CommandException ce) {
            return ce;
        }
        if (cause instanceof org.vidshare.core.spi.PayloadAbortedException) {
            LOG.info("[{}] {}: payload aborted: {}", requestId, type, cause.getMessage());
        } else {
            LOG.error("[{}] {} failed", requestId, type, cause);
        }
        return new CommandException(ErrorCode.INTERNAL,
                "服务器内部错误 (编号 " + requestId + ")", "internal server error (id " + requestId + ")");
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private void send(Connection connection, String requestId, String type, Caller caller, Object body,
                      boolean close, long started) {
        var future = connection.io().write(body);
        if (close) {
            future.addListener(f -> connection.io().closeNow());
        } else if (connection.io().getScheduledWriteMessages() > MAX_UNREAD_WRITES) {
            // One request at a time (docs/protocol.md, Framing) leaves a reply or a few download chunks
            // waiting, never hundreds: this client sends without reading, and every further reply
            // would sit in server memory. Cut it off.
            LOG.warn("closing connection {} from {}: {} replies wait unread", connection.id(),
                    connection.remoteAddress(), connection.io().getScheduledWriteMessages());
            connection.closeNow();
        }
        REQUESTS.info("[{}] {} user={} code={} ms={}", requestId, type,
                caller == null ? "-" : caller.name(), Replies.codeOf(body),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private String newRequestId() {
        byte[] bytes = new byte[4];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String textOrNull(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

}
