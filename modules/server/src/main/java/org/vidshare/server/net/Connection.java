package org.vidshare.server.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.vidshare.core.codec.FrameReader;
import org.vidshare.core.codec.PayloadReceiver;
import org.vidshare.core.protocol.Language;
import org.vidshare.core.spi.AddressKey;
import org.vidshare.core.spi.Dialect;

/**
 * What the server knows about one TCP connection: its language and dialect, its session token,
 * and the transfer it is busy with. Stored as a MINA session attribute; handlers never see it.
 */
public final class Connection {
    private static final AttributeKey KEY = new AttributeKey(Connection.class, "connection");

    /** What the connection is doing besides request and reply, for idle, lock and "only ping" decisions. */
    public enum Transfer { NONE, RECEIVING, WAITING, SENDING }

    private final IoSession io;
    /** Taken at accept: MINA may no longer know the peer once the socket is closed. */
    private final InetAddress remote;
    /** Its text, once: every request's log line names it. */
    private final String remoteText;
    /** What the per-address limits count this peer as ({@link AddressKey}). */
    private final String addressKey;
    private volatile Language language;
    private volatile Dialect dialect;
    private volatile String sessionToken;
    /** The download this connection is busy with (uploads are the payload receiver's to tell). */
    private volatile Transfer download = Transfer.NONE;
    private volatile long downloadSince = System.nanoTime();
    private volatile boolean refused;
    private final RequestObserver requests;
    /** Whether this connection holds one of the server's download slots ({@link DownloadSlots}). */
    private final AtomicBoolean downloadSlot = new AtomicBoolean();
    /** A request has been read and its reply is not yet written (one request at a time). */
    private volatile boolean answering;

    private Connection(IoSession io, Language language, Dialect dialect, RequestObserver requests) {
        this.io = io;
        this.requests = requests;
        this.remote = ((InetSocketAddress) io.getRemoteAddress()).getAddress();
        this.remoteText = remote.getHostAddress();
        this.addressKey = AddressKey.of(remote);
        this.language = language;
        this.dialect = dialect;
    }

    static Connection attach(IoSession io, Language language, Dialect dialect, RequestObserver requests) {
        Connection connection = new Connection(io, language, dialect, requests);
        io.setAttribute(KEY, connection);
        return connection;
    }

    static Connection of(IoSession io) {
        return (Connection) io.getAttribute(KEY);
    }

    /** What a MINA session is busy with, for gauges read at scrape time; NONE before it is attached. */
    public static Transfer transferOf(IoSession io) {
        Connection connection = of(io);
        return connection == null ? Transfer.NONE : connection.transfer();
    }

    /** Who is told of each request done on this connection (metrics). */
    RequestObserver requests() {
        return requests;
    }

    public IoSession io() {
        return io;
    }

    public long id() {
        return io.getId();
    }

    public Language language() {
        return language;
    }

    void language(Language value) {
        this.language = value;
    }

    /** How this connection speaks: the greeting-less dialect until its first hello, native from then on. */
    Dialect dialect() {
        return dialect;
    }

    void dialect(Dialect value) {
        this.dialect = value;
    }

    String sessionToken() {
        return sessionToken;
    }

    synchronized void sessionToken(String token) {
        this.sessionToken = token;
    }

    /**
     * Forgets the token only if it is still this connection's: an admin lock ending an old session
     * must not wipe the token of a login that replaced it meanwhile (that one would then never be
     * closed with the connection).
     */
    synchronized void forgetSessionToken(String token) {
        if (token.equals(sessionToken)) {
            sessionToken = null;
        }
    }

    /**
     * Whether an upload's reads are paused by the server itself (its sink's disk is behind,
     * IncomingPayload.pause): its client then waits for the server and has not stalled.
     */
    boolean receivingPausedByServer() {
        FrameReader reader = FrameReader.of(io);
        return reader != null && reader.payload().receiving() && reader.payload().pausedBySink();
    }

    public Transfer transfer() {
        FrameReader reader = FrameReader.of(io);
        if (reader != null && reader.payload().receiving()) {
            return Transfer.RECEIVING;
        }
        return download;
    }

    /** Whether a download's wait or bytes are under way (then the connection serves only ping). */
    boolean downloading() {
        return download != Transfer.NONE;
    }

    void download(Transfer value) {
        this.downloadSince = System.nanoTime();
        this.download = value;
    }

    /**
     * Whether the download has been in its current state for at least {@code seconds}. The idle
     * check needs it: a download that just left its wait has moved no byte yet, and the connection
     * has been silent for the whole wait, so "no I/O for the idle timeout" alone would cut it.
     */
    boolean downloadStateOlderThan(long seconds) {
        return System.nanoTime() - downloadSince >= seconds * 1_000_000_000L;
    }

    /** Marks the connection as holding a download slot; false when it already held one. */
    boolean claimDownloadSlot() {
        return downloadSlot.compareAndSet(false, true);
    }

    /** Clears the mark; true only for the call that cleared it. */
    boolean releaseDownloadSlot() {
        return downloadSlot.compareAndSet(true, false);
    }

    /** The owner of the payload that follows the current request, if it announced one. */
    PayloadReceiver payloadReceiver() {
        return FrameReader.of(io).payload();
    }

    /** The server is done with the current request: the connection may read the next one. */
    void readNext() {
        FrameReader reader = FrameReader.of(io);
        if (reader != null) {
            reader.next();
        }
    }

    public InetAddress remoteInetAddress() {
        return remote;
    }

    /** The peer's address in full, for logs. */
    public String remoteAddress() {
        return remoteText;
    }

    /** The peer as the per-address limits count it: IPv4 as is, IPv6 by its /64. */
    public String addressKey() {
        return addressKey;
    }

    /** Whether the connection was refused at accept (too many from its address): it is served nothing. */
    boolean refused() {
        return refused;
    }

    void refuse() {
        this.refused = true;
    }

    void requestOpened() {
        this.answering = true;
    }

    void requestAnswered() {
        this.answering = false;
    }

    /**
     * Whether the connection is between requests with nothing in flight: no request awaiting its
     * reply, no upload payload arriving, no download waiting or sending. Such a connection can be
     * closed at shutdown without cutting anything.
     */
    public boolean quiet() {
        return !answering && transfer() == Transfer.NONE;
    }

    /** Ends the connection now; an upload in flight keeps its partial for resume. */
    /** Whether this connection came in on the TLS listener. */
    public boolean tls() {
        return io.getFilterChain().contains(org.vidshare.core.codec.TlsFilter.class);
    }

    public void closeNow() {
        io.closeNow();
    }
}
