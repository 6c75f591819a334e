package org.vidshare.server.net;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.apache.mina.core.filterchain.IoFilter;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vidshare.core.codec.Inbound;
import org.vidshare.core.codec.PayloadBuffers;
import org.vidshare.core.codec.PayloadRules;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.spi.Caller;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.Dialect;
import org.vidshare.core.spi.PayloadAbortedException;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.RequestPayload;
import org.vidshare.server.config.ConfigKey;
import org.vidshare.server.plugin.PluginRegistry;

/**
 * Serves every connection, one request at a time, in a fixed order: decode, read the dialect,
 * run the command ({@link CommandRunner}), reply ({@link Exchange}), and only then read the next
 * request. Runs behind an {@code ExecutorFilter} on the worker pool, with three exceptions that run
 * on the network thread: {@link #sessionOpened} (it only counts and attaches; running it first there
 * means every later event finds the connection attached), {@code messageSent} (a no-op: handing it
 * to a worker cost a thread wake-up per reply), and the cheap requests of {@link NetworkThreadRequests}.
 */
public final class Dispatcher extends IoHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    /** The core's own command besides ping (the registry holds the plugins' and ping). */
    public static final String HELLO = Hello.TYPE;

    private final ServerServices services;
    private final int maxConnectionsPerAddress;
    /**
     * Open connections per address. Changed only inside the map's atomic merge/compute: with a
     * separate counter object, a close that brought it to 0 and removed it could race an open that
     * had just picked up the same object, and the open connection was no longer counted.
     */
    private final Map<String, Integer> connectionsPerAddress = new ConcurrentHashMap<>();
    /** {@code server.max-connections}: every open connection counts, refused ones until they are closed. */
    private final int maxConnections;
    private final AtomicInteger connections = new AtomicInteger();
    private final HeaderDeadlines headerDeadlines;
    private final Hello hello;
    private final CommandRunner commands;
    private final DownloadSender downloads;
    private final AddressShares addressShares;
    private volatile RequestObserver requests = RequestObserver.NONE;

    public Dispatcher(ServerServices services, int maxConnectionsPerAddress) {
        this.services = services;
        this.maxConnectionsPerAddress = maxConnectionsPerAddress;
        this.maxConnections = services.config().getInt(ConfigKey.SERVER_MAX_CONNECTIONS);
        this.headerDeadlines = new HeaderDeadlines(
                Duration.ofSeconds(services.config().getLong(ConfigKey.PROTOCOL_HEADER_TIMEOUT_SECONDS)), services.scheduler());
        this.hello = new Hello(services);
        DownloadSlots downloadSlots = new DownloadSlots(services.config().getInt(ConfigKey.DOWNLOAD_MAX_CONCURRENT));
        this.commands = new CommandRunner(services, downloadSlots);
        this.downloads = new DownloadSender(services.scheduler(), downloadSlots,
                services.config().getLong(ConfigKey.DOWNLOAD_SEND_BUFFERS_MIB) << 20);
        this.addressShares = new AddressShares(services.config().getInt(ConfigKey.SERVER_MAX_BUSY_WORKERS_PER_ADDRESS));
    }

    /** The direct buffers plain downloads are read into (for the metrics). */
    public PayloadBuffers sendBuffers() {
        return downloads.sendBuffers();
    }

    /** Announces the TLS listener in hello replies, so that clients can move to it. */
    public void announceTlsPort(int port) {
        hello.announceTlsPort(port);
    }

    /** Tells {@code observer} of every request done from now on (metrics). */
    public void observeRequests(RequestObserver observer) {
        this.requests = observer;
    }

    /** The filter in front of the worker pool that answers ping and hello on the network thread. */
    public IoFilter networkThreadRequests() {
        return new NetworkThreadRequests(this);
    }

    /** Connections opened and not yet closed through {@link #sessionClosed}: what the connection limits count. */
    public int connectionCount() {
        return connections.get();
    }

    /** Right before the worker pool: one address's share of it ({@link AddressShares}). */
    public IoFilter workerAdmission() {
        return addressShares.admission();
    }

    /** Right after the worker pool: a request done frees its place in the address's share. */
    public IoFilter workerCompletion() {
        return addressShares.completion();
    }

    /** What the codec asks of a frame: whether its command, named in the connection's dialect, carries a payload. */
    public PayloadRules payloadRules() {
        PluginRegistry plugins = services.plugins();
        return (io, type) -> {
            Connection connection = Connection.of(io);
            Dialect dialect = connection == null ? plugins.greetinglessDialect() : connection.dialect();
            RequestPayload rule = payloadOf(plugins, dialect.commandType(type));
            // Framing must not hinge on the dialect: a classic upload after a hello is an unknown
            // command, but its payload is still read to its end, so the connection stays in sync.
            return rule.present() ? rule : payloadOf(plugins, plugins.greetinglessDialect().commandType(type));
        };
    }

    private static RequestPayload payloadOf(PluginRegistry plugins, String commandType) {
        PluginRegistry.Loaded loaded = plugins.find(commandType);
        return loaded == null ? RequestPayload.NONE : loaded.spec().requestPayload();
    }

    @Override
    public void sessionOpened(IoSession io) {
        Connection connection = Connection.attach(io, services.defaultLanguage(), services.plugins().greetinglessDialect(), requests);
        headerDeadlines.opened(connection);
        int total = connections.incrementAndGet();
        int count = connectionsPerAddress.merge(connection.addressKey(), 1, Integer::sum);
        if (total > maxConnections) {
            refuse(connection, "服务器连接数已满", "Too many connections to this server");
        } else if (count > maxConnectionsPerAddress) {
            refuse(connection, "来自该地址的连接过多", "Too many connections from this address");
        }
    }

    /** Whatever the client already sent must not be served: one reply, then the close. */
    private static void refuse(Connection connection, String zh, String en) {
        connection.refuse();
        new Exchange(connection, "-", "connect").replyAndClose(Replies.error(connection.language(),
                new CommandException(ErrorCode.TOO_MANY_REQUESTS, zh, en)));
    }

    @Override
    public void sessionClosed(IoSession io) {
        Connection connection = Connection.of(io);
        if (connection == null) {
            return;
        }
        services.sessions().close(connection);
        headerDeadlines.closed(connection);
        connections.decrementAndGet();
        connectionsPerAddress.computeIfPresent(connection.addressKey(), (address, count) -> count <= 1 ? null : count - 1);
    }

    @Override
    public void sessionIdle(IoSession io, IdleStatus status) {
        Connection connection = Connection.of(io);
        if (connection == null) {
            return;
        }
        Connection.Transfer transfer = connection.transfer();
        if (status == IdleStatus.READER_IDLE && transfer == Connection.Transfer.RECEIVING
                && connection.receivingPausedByServer()) {
            // The server holds the bytes back (its sink is behind: upload_movie's disk), not the client: no stall.
            if (io.getIdleCount(IdleStatus.READER_IDLE) == 1) {
                LOG.info("connection {}: upload reads paused by the server for over {} s (where it writes is behind)",
                        io.getId(), io.getConfig().getReaderIdleTime());
            }
        } else if (status == IdleStatus.READER_IDLE && transfer == Connection.Transfer.RECEIVING) {
            LOG.info("closing connection {}: upload payload stalled", io.getId());
            io.closeNow();
        } else if (status == IdleStatus.BOTH_IDLE && transfer == Connection.Transfer.NONE) {
            LOG.debug("closing idle connection {}", io.getId());
            io.closeNow();
        } else if (status == IdleStatus.BOTH_IDLE && transfer == Connection.Transfer.SENDING
                && connection.downloadStateOlderThan(io.getConfig().getBothIdleTime())) {
            // A download that moved no byte for the whole idle timeout: the client stopped reading.
            // Left open, it would hold the connection and the movie's open file forever.
            LOG.info("closing connection {}: download stalled, the client reads nothing", io.getId());
            io.closeNow();
        }
    }

    @Override
    public void exceptionCaught(IoSession io, Throwable cause) {
        if (cause instanceof SSLException) {
            // The TLS layer has already queued its alert (e.g. protocol_version for TLS 1.1); closeNow
            // could drop it, closeOnFlush sends what is queued first (it bypasses the filter chain).
            LOG.debug("connection {}: TLS failure: {}", io.getId(), cause.toString());
            io.closeOnFlush();
            return;
        }
        if (cause instanceof WriteTimeoutException) {
            // MINA's write timeout: a reply has not moved for that long because the client reads
            // nothing (its socket is full), typically one sending requests without reading replies.
            LOG.info("closing connection {} from {}: a reply did not move for {} s, the client reads nothing",
                    io.getId(), io.getRemoteAddress(), io.getConfig().getWriteTimeout());
        } else if (cause instanceof IOException) {
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
            onFrame(new Exchange(connection, newRequestId(), frame.json().get("type").asText()), frame, null);
        } else if (message instanceof Inbound.Malformed malformed) {
            new Exchange(connection, newRequestId(), "?").replyAndReadNext(Replies.error(connection.language(),
                    CommandException.badRequest("请求不是带字符串 type 的有效 JSON 对象",
                            "request is not a valid JSON object with a string type: " + malformed.reason())));
        } else if (message instanceof Inbound.TooFarAhead ahead) {
            LOG.warn("closing connection {} from {}: {} requests sent ahead of their replies", connection.id(),
                    connection.remoteAddress(), ahead.requests());
            new Exchange(connection, newRequestId(), "?").replyAndClose(Replies.error(connection.language(),
                    new CommandException(ErrorCode.TOO_MANY_REQUESTS, "请求发送过快: 请等每个回复到达后再发下一个请求",
                            "requests sent ahead of their replies: send one request at a time")));
        } else if (message instanceof Inbound.BadFrame bad) {
            new Exchange(connection, newRequestId(), "?").replyAndClose(Replies.error(connection.language(),
                    new CommandException(ErrorCode.BAD_FRAME, "帧长度 " + bad.length() + " 超出范围",
                            "frame length " + bad.length() + " out of range")));
        }
    }

    /** Whether the frame names, in the connection's dialect, a command whose spec says {@code fromMemory}. */
    boolean answersFromMemory(Connection connection, Inbound.Frame frame) {
        PluginRegistry.Loaded loaded = services.plugins().find(
                connection.dialect().commandType(frame.json().get("type").asText()));
        return loaded != null && loaded.spec().fromMemory();
    }

    /**
     * Serves a {@code fromMemory} command on the network thread that read it; {@code toWorker} hands
     * the frame on to the worker pool where the handler would wait ({@link MoveToWorker}).
     */
    void answerFromMemory(IoSession io, Inbound.Frame frame, Runnable toWorker) {
        Connection connection = Connection.of(io);
        if (connection == null || connection.refused()) {
            return;
        }
        onFrame(new Exchange(connection, newRequestId(), frame.json().get("type").asText()), frame, toWorker);
    }

    /** {@code toWorker}: null on a worker; else the request runs on the network thread until it would wait. */
    private void onFrame(Exchange exchange, Inbound.Frame frame, Runnable toWorker) {
        Connection connection = exchange.connection();
        if (frame.closingError() != null) {
            exchange.replyAndClose(Replies.error(connection.language(),
                    new CommandException(frame.closingError(), frame.closingText())));
            return;
        }
        if (connection.downloading()
                && !PingHandler.TYPE.equals(connection.dialect().commandType(exchange.type()))) {
            // A download's wait or bytes are under way: the connection is the transfer's (only ping).
            exchange.replyAndClose(Replies.error(connection.language(), CommandException.badRequest(
                    "传输进行中, 只接受 ping", "a transfer is in progress on this connection: only ping is accepted")));
            return;
        }
        if (Hello.TYPE.equals(exchange.type())) {
            exchange.replyAndReadNext(hello.answer(connection, frame.json()));
            return;
        }
        ObjectNode json = connection.dialect().request(frame.json());
        Caller caller = services.sessions().resolve(Hello.textOrNull(json.get("session")), connection).orElse(null);
        exchange.identify(json.get("type").asText(), caller);
        exchange.payload(frame.payload());
        CompletionStage<Reply> outcome = commands.run(connection, caller, json, frame.payload(), toWorker != null);
        outcome.whenComplete((reply, failure) -> {
            if (failure != null && toWorker != null && CommandRunner.unwrap(failure) instanceof MoveToWorker) {
                toWorker.run();
            } else if (failure != null) {
                CommandException expected = expected(failure, exchange);
                Map<String, Object> body = Replies.error(connection.language(), expected);
                if (expected.closesConnection()) {
                    exchange.replyAndClose(body);
                } else {
                    exchange.replyAndReadNext(body);
                }
            } else if (reply.file() != null) {
                downloads.send(exchange, Replies.success(connection.language(), reply), reply.file());
            } else {
                exchange.replyAndReadNext(Replies.success(connection.language(), reply));
            }
        });
    }

    private static CommandException expected(Throwable failure, Exchange exchange) {
        Throwable cause = CommandRunner.unwrap(failure);
        if (cause instanceof CommandException ce) {
            return ce;
        }
        if (cause instanceof PayloadAbortedException) {
            LOG.info("[{}] {}: payload aborted: {}", exchange.id(), LogText.of(exchange.type()), cause.getMessage());
        } else {
            LOG.error("[{}] {} failed", exchange.id(), LogText.of(exchange.type()), cause);
        }
        return new CommandException(ErrorCode.INTERNAL,
                "服务器内部错误 (编号 " + exchange.id() + ")", "internal server error (id " + exchange.id() + ")");
    }

    /**
     * A request's id in the log and in an internal error's message: it only has to tell requests
     * apart, not be unguessable, so it comes from the thread's own generator and not from a shared
     * SecureRandom that every worker would queue on.
     */
    private static String newRequestId() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }
}
