package org.vidshare.client.swing.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.hash.Passwords;

/**
 * The client's main connection to the server and everything the window knows about it: state,
 * the signed-in account, the features for the current role.
 *
 * <p>All network work runs on one background thread (the protocol allows one request at a time
 * per connection, and it keeps the event thread free); every call returns a future, and listeners
 * are told of changes through the {@code ui} executor (the EDT in the app, direct in tests).
 *
 * <p>When the connection drops (network, server restart) the next request or the idle ping
 * reconnects, says hello and signs in again with the remembered credentials (their md5, never
 * the typed password), so the window keeps its state: that re-sign-in is why the md5 stays in
 * memory while signed in (and only then: logout and an ended session forget it). Transfers do not
 * use it: their connections log in with single-use tickets. A request that is safe to repeat is then
 * sent again; any other fails with {@link ErrorText.ConnectionLostException}, since it may or may
 * not have run (a purchase must never run twice behind the person's back).
 */
public final class Connection implements AutoCloseable {
    public enum State { DISCONNECTED, CONNECTING, CONNECTED, SIGNED_IN, RECONNECTING }

    /** The signed-in account as the login (and later whoami) reply describes it. */
    public record Account(long userId, String name, String userType, boolean vip, long balanceCents) {
        public boolean admin() {
            return "admin".equals(userType);
        }
    }

    /** Told (on the ui executor) whenever state, account or features change. */
    @FunctionalInterface
    public interface Listener {
        void changed(Connection connection);
    }

    /** Opens a socket to the server: plain TCP by default, TLS when the client is started so. */
    @FunctionalInterface
    public interface Dialer {
        VidShareClient dial(String host, int port) throws IOException;

        Dialer PLAIN = (host, port) -> VidShareClient.connect(host, port, 10_000);
    }

    private record Credentials(String name, String md5, String userType) {
    }

    /** What this client calls itself in hello (and Help/About). */
    public static final String CLIENT = "vidshare-swing/1.0";
    private static final String TRANSFER_TICKET = "transfer_ticket";
    private static final int TICKET_RETRIES = 100;
    private static final long TICKET_RETRY_MILLIS = 200;
    private static final long[] BACKOFF_MILLIS = {0, 250, 500, 1000, 2000, 4000};

    private final String host;
    private final int port;
    private final Executor ui;
    private final ExecutorService net;
    private final ScheduledExecutorService timer;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger reconnects = new AtomicInteger();
    private final AtomicBoolean pingQueued = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private VidShareClient client; // touched only on the net thread
    private volatile Lang lang;
    private volatile State state = State.DISCONNECTED;
    private volatile Credentials credentials;
    private volatile Account account;
    private volatile com.fasterxml.jackson.databind.JsonNode accountFacts;
    private volatile List<Feature> features = List.of();
    private volatile ClientReply lastLogin;
    private volatile ClientReply lastHello;
    private volatile long lastUseNanos = System.nanoTime();
    private volatile long pingIntervalMillis;
    private volatile int readTimeoutMillis = 60_000;
    private volatile Dialer dialer = Dialer.PLAIN;

    public Connection(String host, int port, Lang lang, Executor ui) {
        this(host, port, lang, ui, 60_000);
    }

    /** @param pingIntervalMillis how long the connection may sit idle before a ping (well under the server's idle timeout) */
    public Connection(String host, int port, Lang lang, Executor ui, long pingIntervalMillis) {
        this.host = host;
        this.port = port;
        this.lang = lang;
        this.ui = ui;
        this.pingIntervalMillis = pingIntervalMillis;
        this.net = Executors.newSingleThreadExecutor(daemon("vidshare-net"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("vidshare-ping"));
        long tick = Math.max(100, Math.min(1000, pingIntervalMillis / 4));
        timer.scheduleWithFixedDelay(this::idleTick, tick, tick, TimeUnit.MILLISECONDS);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public String address() {
        return host + ":" + port;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public State state() {
        return state;
    }

    public Account account() {
        return account;
    }

    /**
     * The signed-in account as the server last described it (the login reply, then each whoami
     * reply), for the features' {@code disabled_when} keys; null when not signed in.
     */
    public com.fasterxml.jackson.databind.JsonNode accountFacts() {
        return account == null ? null : accountFacts;
    }

    /**
     * Whether a request may be sent again after a reconnect without asking: hello, and the
     * commands whose spec says so ({@code repeatable}: the reading ones, ping). Any other may or
     * may not have run (a purchase must never run twice behind the person's back).
     */
    public boolean safeToRepeat(String type) {
        if ("hello".equals(type)) {
            return true;
        }
        Feature feature = feature(type);
        return feature != null && feature.repeatable();
    }

    public Lang lang() {
        return lang;
    }

    /** The last hello reply (the server's name and protocol), or null before the first. */
    public ClientReply lastHello() {
        return lastHello;
    }

    public List<Feature> features() {
        return features;
    }

    public MenuModel menu() {
        return MenuModel.of(features);
    }

    public boolean hasFeature(String type) {
        return features.stream().anyMatch(f -> f.type().equals(type));
    }

    public Feature feature(String type) {
        return features.stream().filter(f -> f.type().equals(type)).findFirst().orElse(null);
    }

    /** The reply of the last successful login (its {@code last_notice}), or null. */
    public ClientReply lastLogin() {
        return lastLogin;
    }

    /** How many times a dropped connection has been re-established. */
    public int reconnects() {
        return reconnects.get();
    }

    /** How sockets are opened (set before {@link #connect}); the transfers' connections use it too. */
    public void setDialer(Dialer newDialer) {
        this.dialer = newDialer;
    }

    public void setReadTimeoutMillis(int millis) {
        this.readTimeoutMillis = millis;
    }

    /** Opens the connection and says hello; the reply lists the public features. */
    public CompletableFuture<ClientReply> connect() {
        return submit(() -> {
            setState(State.CONNECTING);
            try {
                return openFresh();
            } catch (IOException e) {
                setState(State.DISCONNECTED);
                throw e;
            }
        });
    }

    /** Signs in with what the person typed; on success remembers the md5 for reconnects. */
    public CompletableFuture<ClientReply> login(String name, String plainPassword, String userType) {
        Credentials typed = new Credentials(name.trim(), Passwords.md5Hex(plainPassword), userType);
        return submit(() -> {
            ensureOpen();
            ClientReply reply = client.call(loginRequest(typed));
            if (reply.ok()) {
                signedIn(typed, reply);
            }
            return reply;
        });
    }

    public CompletableFuture<ClientReply> register(String name, String plainPassword, String userType) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", "register");
        request.put("name", name.trim());
        request.put("password", Passwords.md5Hex(plainPassword));
        request.put("user_type", userType);
        return call(request);
    }

    /** Ends the session, forgets the credentials and says hello again for the public features. */
    public CompletableFuture<ClientReply> logout() {
        return submit(() -> {
            ClientReply reply = null;
            if (client != null && credentials != null) {
                try {
                    reply = client.call(Map.of("type", "logout"));
                } catch (IOException e) {
                    // The server side is gone anyway; the session died with the connection.
                }
            }
            credentials = null;
            account = null;
            lastLogin = null;
            if (client != null) {
                client.useSession(null);
            }
            try {
                ClientReply hello = client == null ? openFresh() : hello();
                setState(State.CONNECTED);
                return reply == null ? hello : reply;
            } catch (IOException e) {
                closeClient();
                setState(State.DISCONNECTED);
                return reply;
            }
        });
    }

    /** Switches the language of server replies and feature labels (hello again, which keeps the session). */
    public CompletableFuture<ClientReply> setLang(Lang newLang) {
        this.lang = newLang;
        return submit(() -> {
            if (client == null) {
                return null;
            }
            try {
                ClientReply reply = hello();
                fire();
                return reply;
            } catch (IOException e) {
                reconnectNow();
                return null;
            }
        });
    }

    /** Asks whoami and updates the account (balance, VIP) after something changed it. */
    public CompletableFuture<ClientReply> refreshAccount() {
        return submit(() -> {
            ClientReply reply = doCall(Map.of("type", "whoami"));
            if (reply.ok() && account != null) {
                account = new Account(reply.json().path("user_id").asLong(account.userId()),
                        reply.json().path("name").asText(account.name()),
                        reply.json().path("user_type").asText(account.userType()),
                        reply.json().path("is_vip").asInt(0) == 1,
                        reply.json().path("balance_cents").asLong(account.balanceCents()));
                accountFacts = reply.json();
                fire();
            }
            return reply;
        });
    }

    /** Sends a request on the main connection (the session is added) and returns its reply. */
    public CompletableFuture<ClientReply> call(Map<String, ?> request) {
        return submit(() -> doCall(request));
    }

    /**
     * A request whose reply carries a small whole file (a poster), on the main connection: the
     * payload is written to {@code target}. Not repeated after a reconnect (the caller may ask again).
     */
    public CompletableFuture<ClientReply> fetchFile(Map<String, ?> request, Path target) {
        return submit(() -> {
            ensureOpen();
            ClientReply reply;
            try {
                reply = client.fetchFile(request, target, org.vidshare.client.TransferListener.NONE);
            } catch (IOException e) {
                reconnectNow();
                throw new ErrorText.ConnectionLostException(e);
            }
            lastUseNanos = System.nanoTime();
            return reply;
        });
    }

    /**
     * A new connection for a transfer, said hello and signed in as the main one's account (a session
     * is valid only on its own connection). It logs in with a single-use ticket that the main
     * connection asks for ({@code transfer_ticket}), so a transfer costs no password check however
     * many run at once; only a server without tickets gets the remembered credentials. The caller
     * owns and closes it; closing it cancels the transfer.
     */
    public VidShareClient openSideConnection() throws IOException {
        Credentials creds = credentials;
        if (creds == null) {
            throw new ErrorText.NotSignedInException();
        }
        Map<String, Object> login = hasFeature(TRANSFER_TICKET) ? ticketLogin() : loginRequest(creds);
        VidShareClient side = dialer.dial(host, port);
        try {
            side.setReadTimeout(readTimeoutMillis);
            ClientReply hello = side.hello(lang.wire());
            if (!hello.ok()) {
                throw new IOException("hello refused: " + hello.msg());
            }
            ClientReply reply = side.call(login);
            if (!reply.ok()) {
                throw new IOException(reply.msg());
            }
            return side;
        } catch (IOException | RuntimeException e) {
            side.close();
            throw e;
        }
    }

    /**
     * A login request with a fresh ticket from the main connection. Past the server's limit of live
     * tickets per session (more transfers starting at once than it allows) it asks again shortly:
     * each started transfer uses its ticket up within moments.
     */
    private Map<String, Object> ticketLogin() throws IOException {
        for (int attempt = 0; ; attempt++) {
            ClientReply reply = await(call(Map.of("type", TRANSFER_TICKET)));
            if (reply.ok()) {
                Map<String, Object> request = new LinkedHashMap<>();
                request.put("type", "login");
                request.put("ticket", reply.string("ticket"));
                return request;
            }
            if (!"too_many_requests".equals(reply.code()) || attempt >= TICKET_RETRIES) {
                throw new IOException(reply.msg());
            }
            try {
                Thread.sleep(TICKET_RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for a transfer ticket");
            }
        }
    }

    private static ClientReply await(CompletableFuture<ClientReply> reply) throws IOException {
        try {
            return reply.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for a transfer ticket");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    private ClientReply doCall(Map<String, ?> request) throws IOException {
        ensureOpen();
        ClientReply reply;
        try {
            reply = client.call(request);
        } catch (IOException e) {
            reconnectNow();
            if (!safeToRepeat(String.valueOf(request.get("type")))) {
                throw new ErrorText.ConnectionLostException(e);
            }
            reply = client.call(request);
        }
        lastUseNanos = System.nanoTime();
        if ("not_logged_in".equals(reply.code()) && credentials != null) {
            sessionEndedByServer();
        }
        return reply;
    }

    /**
     * The server ended the session while the connection stayed (an admin locked the account): the
     * window goes back to the public menus, and signing in again says why if it is refused.
     */
    private void sessionEndedByServer() throws IOException {
        credentials = null;
        account = null;
        lastLogin = null;
        client.useSession(null);
        hello();
        setState(State.CONNECTED);
    }

    private void ensureOpen() throws IOException {
        if (closed.get()) {
            // Closed with its window: what was queued before the close fails, it never dials again.
            throw new IOException("connection closed");
        }
        if (client == null) {
            if (credentials != null) {
                reconnectNow();
            } else {
                setState(State.CONNECTING);
                try {
                    openFresh();
                } catch (IOException e) {
                    setState(State.DISCONNECTED);
                    throw e;
                }
            }
        }
    }

    /** A new socket and hello; state CONNECTED. Net thread only. */
    private ClientReply openFresh() throws IOException {
        closeClient();
        client = dialer.dial(host, port);
        client.setReadTimeout(readTimeoutMillis);
        try {
            ClientReply reply = hello();
            if (!reply.ok()) {
                throw new IOException("hello refused: " + reply.msg());
            }
            setState(State.CONNECTED);
            return reply;
        } catch (IOException e) {
            closeClient();
            throw e;
        }
    }

    private ClientReply hello() throws IOException {
        ClientReply reply = client.call(Map.of("type", "hello", "protocol", 1,
                "client", CLIENT, "lang", lang.wire()));
        lastHello = reply;
        if (reply.ok()) {
            features = Feature.listFromJson(reply.get("features"));
            lastUseNanos = System.nanoTime();
        }
        return reply;
    }

    /**
     * Connects again (with back-off) and signs in with the remembered credentials. When they no
     * longer work (account locked, password changed elsewhere) the connection stays public.
     */
    private void reconnectNow() throws IOException {
        setState(State.RECONNECTING);
        IOException last = null;
        for (long pause : BACKOFF_MILLIS) {
            try {
                Thread.sleep(pause);
                openFresh();
                Credentials creds = credentials;
                if (creds != null) {
                    ClientReply login = client.call(loginRequest(creds));
                    if (login.ok()) {
                        signedIn(creds, login);
                    } else {
                        credentials = null;
                        account = null;
                        setState(State.CONNECTED);
                    }
                }
                reconnects.incrementAndGet();
                return;
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                last = new IOException("interrupted", e);
                break;
            }
        }
        closeClient();
        setState(State.DISCONNECTED);
        throw last;
    }

    private void signedIn(Credentials creds, ClientReply reply) {
        credentials = creds;
        lastLogin = reply;
        account = new Account(reply.json().path("user_id").asLong(), creds.name(),
                reply.json().path("user_type").asText("user"), reply.json().path("is_vip").asInt(0) == 1,
                reply.json().path("balance_cents").asLong(0));
        accountFacts = reply.json();
        if (reply.get("features").isArray()) {
            features = Feature.listFromJson(reply.get("features"));
        }
        lastUseNanos = System.nanoTime();
        setState(State.SIGNED_IN);
    }

    private static Map<String, Object> loginRequest(Credentials creds) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", "login");
        request.put("name", creds.name());
        request.put("password", creds.md5());
        if (creds.userType() != null) {
            request.put("user_type", creds.userType());
        }
        return request;
    }

    /** Pings an idle connection (the server closes silent ones) and retries a lost one. */
    private void idleTick() {
        State now = state;
        boolean idle = System.nanoTime() - lastUseNanos >= TimeUnit.MILLISECONDS.toNanos(pingIntervalMillis);
        boolean retry = now == State.DISCONNECTED && credentials != null && idle;
        if ((idle && (now == State.CONNECTED || now == State.SIGNED_IN) || retry) && pingQueued.compareAndSet(false, true)) {
            net.execute(() -> {
                try {
                    doCall(Map.of("type", "ping"));
                } catch (IOException | RuntimeException e) {
                    lastUseNanos = System.nanoTime(); // next retry after another interval
                } finally {
                    pingQueued.set(false);
                }
            });
        }
    }

    private <T> CompletableFuture<T> submit(Callable<T> work) {
        CompletableFuture<T> future = new CompletableFuture<>();
        try {
            net.execute(() -> {
                try {
                    future.complete(work.call());
                } catch (Throwable t) {
                    future.completeExceptionally(t);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            future.completeExceptionally(new IOException("connection closed", e));
        }
        return future;
    }

    private void setState(State newState) {
        state = newState;
        fire();
    }

    private void fire() {
        for (Listener listener : listeners) {
            ui.execute(() -> listener.changed(this));
        }
    }

    private void closeClient() {
        if (client != null) {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing a socket that is already broken
            }
            client = null;
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            timer.shutdownNow();
            net.execute(this::closeClient);
            net.shutdown();
        }
    }
}
