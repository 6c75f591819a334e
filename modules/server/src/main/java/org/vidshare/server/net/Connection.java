package org.vidshare.server.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.vidshare.core.codec.FrameReader;
import org.vidshare.core.codec.PayloadReceiver;
import org.vidshare.core.protocol.Language;
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
    private volatile Language language;
    private volatile Dialect dialect;
    private volatile String sessionToken;
    /** The download this connection is busy with (uploads are the payload receiver's to tell). */
    private volatile Transfer download = Transfer.NONE;
    private volatile boolean refused;

    private Connection(IoSession io, Language language, Dialect dialect) {
        this.io = io;
        this.remote = ((InetSocketAddress) io.getRemoteAddress()).getAddress();
        this.language = language;
        this.dialect = dialect;
    }

    static Connection attach(IoSession io, Language language, Dialect dialect) {
        Connection connection = new Connection(io, language, dialect);
        io.setAttribute(KEY, connection);
        return connection;
    }

    static Connection of(IoSession io) {
        return (Connection) io.getAttribute(KEY);
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
        this.download = value;
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

    public String remoteAddress() {
        return remote.getHostAddress();
    }

    /** Whether the connection was refused at accept (too many from its address): it is served nothing. */
    boolean refused() {
        return refused;
    }

    void refuse() {
        this.refused = true;
    }

    /** Ends the connection now; an upload in flight keeps its partial for resume. */
    /** Whether this connection came in on the TLS listener. */
    public boolean tls() {
        return io.getFilterChain().contains(org.apache.mina.filter.ssl.SslFilter.class);
    }

    public void closeNow() {
        io.closeNow();
    }
}
