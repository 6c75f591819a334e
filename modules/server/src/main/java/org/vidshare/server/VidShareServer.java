package org.vidshare.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.vidshare.server.tls.TlsContexts;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoEventType;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.filter.executor.ExecutorFilter;
import org.apache.mina.filter.executor.OrderedThreadPoolExecutor;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vidshare.core.codec.FrameCodecFactory;
import org.vidshare.core.codec.PayloadBuffers;
import org.vidshare.core.codec.ReadHolds;
import org.vidshare.core.codec.TlsFilter;
import org.vidshare.core.protocol.Language;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.MovieStorage;
import org.vidshare.core.spi.PartialLeases;
import org.vidshare.server.config.ConfigKey;
import org.vidshare.server.config.ServerConfig;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import org.vidshare.core.spi.LoginGuard;
import org.vidshare.server.metrics.CountingLoginGuard;
import org.vidshare.server.metrics.ServerMetrics;
import org.vidshare.server.net.Dispatcher;
import org.vidshare.server.net.LockWatch;
import org.vidshare.server.net.PingHandler;
import org.vidshare.server.net.ServerServices;
import org.vidshare.server.net.SessionRegistry;
import org.vidshare.server.net.ShutdownDrain;
import org.vidshare.server.persistence.Database;
import org.vidshare.server.persistence.JdbcTarget;
import org.vidshare.server.plugin.PluginRegistry;
import org.vidshare.server.security.DatabaseLoginGuard;
import org.vidshare.server.security.HashingPool;
import org.vidshare.server.security.InMemoryLoginGuard;
import org.vidshare.server.security.Pbkdf2PasswordHasher;
import org.vidshare.server.storage.DatabasePartialLeases;
import org.vidshare.server.storage.LocalMovieStorage;
import org.vidshare.server.storage.OrphanMovieFiles;
import org.vidshare.server.storage.StartupPosters;
import org.vidshare.media.MediaService;

/** The assembled server: database, plugins, dispatcher and the TCP acceptor. */
public final class VidShareServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VidShareServer.class);

    private final NioSocketAcceptor acceptor;
    private final NioSocketAcceptor tlsAcceptor;
    private final Dispatcher dispatcher;
    private final OrderedThreadPoolExecutor workers;
    private final ExecutorService completions;
    private final ScheduledExecutorService scheduler;
    private final Database database;
    private final SessionRegistry sessions;
    private final HashingPool passwords;
    private final MediaService media;
    private final DatabasePartialLeases leases;
    private final InetSocketAddress address;
    /** The Prometheus endpoint, or null when metrics.port is not set. */
    private HTTPServer metricsEndpoint;
    private final Duration shutdownGrace;
    private final AtomicBoolean closed = new AtomicBoolean();

    private VidShareServer(NioSocketAcceptor acceptor, NioSocketAcceptor tlsAcceptor, Dispatcher dispatcher,
                           OrderedThreadPoolExecutor workers,
                           ExecutorService completions, ScheduledExecutorService scheduler, Database database,
                           SessionRegistry sessions, HashingPool passwords, MediaService media,
                           DatabasePartialLeases leases, Duration shutdownGrace) {
        this.media = media;
        this.leases = leases;
        this.acceptor = acceptor;
        this.tlsAcceptor = tlsAcceptor;
        this.dispatcher = dispatcher;
        this.workers = workers;
        this.completions = completions;
        this.scheduler = scheduler;
        this.database = database;
        this.sessions = sessions;
        this.passwords = passwords;
        this.address = (InetSocketAddress) acceptor.getLocalAddress();
        this.shutdownGrace = shutdownGrace;
    }

    /** Starts a server; a bad configuration, plugin set or database stops it here, with the reason. */
    public static VidShareServer start(ServerConfig config) throws IOException {
        Files.createDirectories(config.dataDir());
        Clock clock = Clock.systemDefaultZone();
        PluginRegistry plugins = PluginRegistry.load(List.of(new PingHandler()), config.bundledPluginsDir(), config.pluginsDir());
        JdbcTarget jdbcTarget = JdbcTarget.of(config);
        Database database = Database.open(jdbcTarget);
        LocalMovieStorage storage;
        DatabasePartialLeases leases = new DatabasePartialLeases(database, clock);
        try {
            storage = new LocalMovieStorage(config.dataDir(), config.getBoolean(ConfigKey.UPLOAD_SYNC_BEFORE_PUBLISH));
            moveOrphanMovieFilesAside(database, new OrphanMovieFiles(storage, config.dataDir()), clock);
            if (jdbcTarget.isEmbedded()) {
                // Alone on its database: any lease in it is this node's own from a run that was killed.
                leases.releaseAllAtStart();
            }
        } catch (CommandException e) {
            leases.close();
            database.close();
            throw new IllegalStateException("cannot release the partial upload leases of a previous run", e);
        } catch (IOException | RuntimeException e) {
            leases.close();
            database.close();
            throw e;
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(named("vidshare-timer"));
        Map<Class<?>, Object> facilities = new ConcurrentHashMap<>();
        facilities.put(MovieStorage.class, storage);
        leases.start(scheduler);
        facilities.put(PartialLeases.class, leases);
        MediaService media = MediaService.create(Duration.ofSeconds(config.getLong(ConfigKey.MEDIA_PROBE_TIMEOUT_SECONDS)),
                config.get(ConfigKey.MEDIA_TOOLS).equals("auto"));
        facilities.put(MediaService.class, media);
        SessionRegistry sessions = new SessionRegistry();
        LoginGuard loginGuard = loginGuard(config, jdbcTarget, database, clock);
        boolean metricsOn = !config.get(ConfigKey.METRICS_PORT).isBlank();
        ServerMetrics metrics = metricsOn
                ? new ServerMetrics(type -> Dispatcher.HELLO.equals(type) || plugins.find(type) != null) : null;
        if (metricsOn) {
            loginGuard = new CountingLoginGuard(loginGuard, metrics);
            storage.observeSyncs(metrics::publishSynced);
        }
        HashingPool passwords = new HashingPool(new Pbkdf2PasswordHasher(config.getInt(ConfigKey.PASSWORD_PBKDF2_ITERATIONS)),
                HashingPool.threadsFor(config.getInt(ConfigKey.PASSWORD_HASH_THREADS)),
                config.getInt(ConfigKey.PASSWORD_HASH_QUEUE),
                config.getInt(ConfigKey.PASSWORD_MAX_CONCURRENT_PER_ADDRESS),
                config.getInt(ConfigKey.PASSWORD_MAX_HASHES_PER_ADDRESS_PER_MINUTE), clock);
        ServerServices services = new ServerServices(config, clock, database, sessions, loginGuard,
                passwords, plugins, facilities, scheduler,
                Language.fromTag(config.get(ConfigKey.SERVER_LANGUAGE)).orElse(Language.ZH_CN));

        new LockWatch(sessions, database).start(scheduler);

        int threads = config.getInt(ConfigKey.SERVER_WORKER_THREADS);
        // All started at once and kept: MINA's executor adds a worker only while none is idle, so in a
        // burst sessions queue behind the few started so far, and a request that blocks (a password
        // hash) holds every one queued behind it.
        OrderedThreadPoolExecutor workers = new OrderedThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                named("vidshare-worker"));
        workers.prestartAllCoreThreads();
        // What follows a payload's last byte (verify, publish) runs here, off the network threads.
        ThreadPoolExecutor completions = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), named("vidshare-payload"));
        completions.allowCoreThreadTimeOut(true);
        Dispatcher dispatcher = new Dispatcher(services, config.getInt(ConfigKey.SERVER_MAX_CONNECTIONS_PER_ADDRESS));
        if (metricsOn) {
            dispatcher.observeRequests(metrics);
        }
        // Upload bytes are read (plain) or decrypted (TLS) into these (FrameCodecFactory), shared by both listeners.
        PayloadBuffers payloadBuffers = new PayloadBuffers(config.getLong(ConfigKey.UPLOAD_READ_BUFFERS_MIB) << 20);
        ReadHolds readHolds = new ReadHolds();
        NioSocketAcceptor acceptor = acceptor(config, workers, completions, payloadBuffers, readHolds, dispatcher, null);
        NioSocketAcceptor tlsAcceptor = null;
        HTTPServer metricsEndpoint = null;
        try {
            String host = config.get(ConfigKey.SERVER_HOST);
            acceptor.bind(new InetSocketAddress(host, config.getInt(ConfigKey.SERVER_PORT)));
            if (!config.get(ConfigKey.TLS_PORT).isEmpty()) {
                String keystore = config.get(ConfigKey.TLS_KEYSTORE);
                SSLContext tls = TlsContexts.serverContext(keystore.isEmpty() ? null : Path.of(keystore),
                        config.get(ConfigKey.TLS_KEYSTORE_PASSWORD), config.dataDir(), config.get(ConfigKey.TLS_IMPLEMENTATION));
                TlsFilter ssl = new TlsFilter(TlsContexts.serverEngines(tls));
                tlsAcceptor = acceptor(config, workers, completions, payloadBuffers, readHolds, dispatcher, ssl);
                tlsAcceptor.bind(new InetSocketAddress(host, config.getInt(ConfigKey.TLS_PORT)));
                dispatcher.announceTlsPort(((InetSocketAddress) tlsAcceptor.getLocalAddress()).getPort());
            }
            if (metricsOn) {
                metrics.watch(tlsAcceptor == null ? List.of(acceptor) : List.of(acceptor, tlsAcceptor), sessions::size,
                        payloadBuffers, dispatcher.sendBuffers(), readHolds);
                metricsEndpoint = metrics.serve(config.get(ConfigKey.METRICS_HOST), config.getInt(ConfigKey.METRICS_PORT));
            }
        } catch (IOException | RuntimeException e) {
            acceptor.dispose();
            if (metricsEndpoint != null) {
                metricsEndpoint.close();
            }
            if (tlsAcceptor != null) {
                tlsAcceptor.dispose();
            }
            workers.shutdownNow();
            completions.shutdownNow();
            scheduler.shutdownNow();
            passwords.close();
            media.close();
            leases.close();
            database.close();
            throw e;
        }
        VidShareServer server = new VidShareServer(acceptor, tlsAcceptor, dispatcher, workers, completions, scheduler, database,
                sessions, passwords, media, leases, Duration.ofSeconds(config.getLong(ConfigKey.SERVER_SHUTDOWN_GRACE_SECONDS)));
        server.metricsEndpoint = metricsEndpoint;
        StartupPosters.startInBackground(database, storage, media, config.getInt(ConfigKey.MEDIA_STARTUP_POSTERS));
        if ("demo".equals(config.get(ConfigKey.WALLET_PAYMENT_PROVIDER))) {
            // Said at every start, so that a demo setting carried into production cannot go unnoticed.
            LOG.warn("wallet.payment-provider=demo: every recharge is approved without payment (free money);"
                    + " for trying things out only, set wallet.payment-provider=none in production");
        }
        LOG.info("serving {} commands on {}{}{}", plugins.all().size(), server.address,
                tlsAcceptor == null ? "" : " and TLS on port " + server.tlsPort(),
                metricsEndpoint == null ? "" : ", metrics on http://" + config.get(ConfigKey.METRICS_HOST) + ":"
                        + metricsEndpoint.getPort() + "/metrics");
        return server;
    }

    /**
     * The login failure limits: in memory for one node, in the database when several nodes may share
     * it ({@code login.guard}; auto: the database unless it is an embedded H2 one).
     */
    private static LoginGuard loginGuard(ServerConfig config, JdbcTarget target, Database database, Clock clock) {
        String choice = config.get(ConfigKey.LOGIN_GUARD);
        boolean shared = choice.equals("database") || (choice.equals("auto") && !target.isEmbedded());
        int maxFailures = config.getInt(ConfigKey.LOGIN_MAX_FAILURES);
        Duration lockTime = Duration.ofMinutes(config.getLong(ConfigKey.LOGIN_LOCK_MINUTES));
        int maxPerAddress = config.getInt(ConfigKey.LOGIN_MAX_FAILURES_PER_ADDRESS);
        LOG.info("login failures are counted {}", shared ? "in the database (shared by every node on it)" : "in memory");
        return shared ? new DatabaseLoginGuard(database, clock, maxFailures, lockTime, maxPerAddress)
                : new InMemoryLoginGuard(clock, maxFailures, lockTime, maxPerAddress);
    }

    /** Files that no movie row names go to orphans/ (OrphanMovieFiles says when), never deleted. */
    private static void moveOrphanMovieFilesAside(Database database, OrphanMovieFiles orphans, Clock clock)
            throws IOException {
        Set<String> published;
        try {
            published = new HashSet<>(database.inTransaction(em -> em.createQuery(
                    "SELECT m.storedName FROM Movie m", String.class).getResultList()));
        } catch (CommandException e) {
            throw new IllegalStateException("cannot list the stored movies", e);
        }
        orphans.moveAside(published, clock.instant());
    }

    /**
     * MINA allocates (and zeroes) a fresh heap buffer of the session's read-buffer size for every
     * read. Between requests that is this small size, adaptive up to the max for a large header or
     * a client that sends ahead; while an upload payload streams in, the payload receiver holds it at
     * the max ({@code PayloadReceiver}), so payload chunks still reach the sink 64 KiB at a time.
     */
    private static final int REQUEST_READ_BUFFER_BYTES = 2 * 1024;
    private static final int PAYLOAD_READ_BUFFER_BYTES = 64 * 1024;

    /** One listener: (TLS,) the frame codec, ping and hello on the network thread, the address's share, the worker pool, the dispatcher. */

    private static NioSocketAcceptor acceptor(ServerConfig config, OrderedThreadPoolExecutor workers,
                                              Executor completions, PayloadBuffers payloadBuffers,
                                              ReadHolds readHolds, Dispatcher dispatcher, TlsFilter ssl) {
        NioSocketAcceptor acceptor = new NioSocketAcceptor();
        acceptor.setReuseAddress(true);
        // Unbinding must only stop accepting: close() lets the open connections' transfers finish.
        acceptor.setCloseOnDeactivation(false);
        // MINA's default of 50 makes a burst of connections overflow the queue: each one dropped
        // then waits for a SYN retry (1 s, 3 s, ...) before it is accepted.
        acceptor.setBacklog(config.getInt(ConfigKey.SERVER_BACKLOG));
        if (ssl != null) {
            acceptor.getFilterChain().addLast("tls", ssl);
        }
        acceptor.getFilterChain().addLast("codec", new ProtocolCodecFilter(new FrameCodecFactory(
                config.getInt(ConfigKey.PROTOCOL_MAX_HEADER_BYTES), config.getLong(ConfigKey.UPLOAD_MAX_BYTES),
                dispatcher.payloadRules(), completions, payloadBuffers, readHolds)));
        acceptor.getFilterChain().addLast("network-thread-requests", dispatcher.networkThreadRequests());
        // Not SESSION_OPENED and MESSAGE_SENT: see Dispatcher (both run on the network thread).
        acceptor.getFilterChain().addLast("address-share", dispatcher.workerAdmission());
        acceptor.getFilterChain().addLast("workers", new ExecutorFilter(workers, IoEventType.MESSAGE_RECEIVED,
                IoEventType.SESSION_CLOSED, IoEventType.SESSION_IDLE, IoEventType.EXCEPTION_CAUGHT));
        acceptor.getFilterChain().addLast("address-share-done", dispatcher.workerCompletion());
        acceptor.getSessionConfig().setIdleTime(IdleStatus.BOTH_IDLE, config.getInt(ConfigKey.SERVER_IDLE_TIMEOUT_SECONDS));
        acceptor.getSessionConfig().setIdleTime(IdleStatus.READER_IDLE, config.getInt(ConfigKey.UPLOAD_STALL_TIMEOUT_SECONDS));
        acceptor.getSessionConfig().setTcpNoDelay(true);
        // The max also bounds what one flush writes (1.5 x max) before the I/O thread serves others.
        acceptor.getSessionConfig().setMaxReadBufferSize(PAYLOAD_READ_BUFFER_BYTES);
        acceptor.getSessionConfig().setMinReadBufferSize(REQUEST_READ_BUFFER_BYTES);
        acceptor.getSessionConfig().setReadBufferSize(REQUEST_READ_BUFFER_BYTES);
        acceptor.setHandler(dispatcher);
        return acceptor;
    }

    public InetSocketAddress address() {
        return address;
    }

    public int port() {
        return address.getPort();
    }

    /** The TLS listener's port, or 0 when TLS is off. */
    public int tlsPort() {
        return tlsAcceptor == null ? 0 : ((InetSocketAddress) tlsAcceptor.getLocalAddress()).getPort();
    }

    /** The Prometheus endpoint's port, or 0 when metrics are off. */
    public int metricsPort() {
        return metricsEndpoint == null ? 0 : metricsEndpoint.getPort();
    }

    /** How many login sessions are alive now (for monitoring, and for tests of session lifetime). */
    public int liveSessionCount() {
        return sessions.size();
    }

    /** How many accounts hold at least one live session now. */
    public int loggedInAccountCount() {
        return sessions.accountCount();
    }

    /**
     * How many connections are open now, plain and TLS, as the connection limits count them: a closed
     * one leaves the count once the server has run its close (MINA's own count drops a moment before,
     * and a new connection in that moment would still find the limit reached).
     */
    public int openConnectionCount() {
        return dispatcher.connectionCount();
    }

    /**
     * Stops gracefully: stops accepting, closes idle connections, lets transfers and requests in
     * flight finish for up to {@code server.shutdown-grace-seconds}, cuts what still runs (an upload
     * keeps its partial for resume), lets workers finish, closes the database. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (metricsEndpoint != null) {
            metricsEndpoint.close();
        }
        List<NioSocketAcceptor> listeners = tlsAcceptor == null ? List.of(acceptor) : List.of(acceptor, tlsAcceptor);
        listeners.forEach(NioSocketAcceptor::unbind);
        LOG.info("stopping: no longer accepting connections on {}", address);
        ShutdownDrain.drain(() -> listeners.stream().flatMap(l -> l.getManagedSessions().values().stream()).toList(),
                shutdownGrace);
        for (NioSocketAcceptor listener : listeners) {
            listener.getManagedSessions().values().forEach(s -> s.closeNow());
            listener.dispose(true);
        }
        for (ExecutorService pool : List.of(workers, completions)) {
            pool.shutdown();
            try {
                if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                    pool.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // After the workers: a request that waits for its hash ends with it.
        passwords.close();
        scheduler.shutdownNow();
        media.close();
        // After the connections: the leases of the uploads they cut are released first.
        leases.close();
        database.close();
        LOG.info("stopped");
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

}
