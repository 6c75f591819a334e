package org.vidshare.server.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.vidshare.core.protocol.Language;

/**
 * What the server knows about one TCP connection: its language and dialect, its session token,
 * and the transfer it is busy with. Stored as a MINA session attribute; handlers never see it.
 */
public final class Connection {
    private static final AttributeKey KEY = new AttributeKey(Connection.class, "connection");

    /** What the connection is doing besides request and reply, for idle and lock decisions. */
    public enum Transfer { NONE, RECEIVING, WAITING, SENDING }

    private final IoSession io;
    /** Taken at accept: MINA may no longer know the peer once the socket is closed. */
    private final InetAddress remote;
    private volatile Language language;
    private volatile boolean v1;
    private volatile String sessionToken;
    private volatile Transfer transfer = Transfer.NONE;
    private CompletableFuture<Void> payloadDone;

    private volatile boolean refused;

    private Connection(IoSession io, Language language) {
        this.io = io;
        this.remote = ((InetSocketAddress) io.getRemoteAddress()).getAddress();
        this.language = language;
    }

    static Connection attach(IoSession io, Language language) {
        Connection connection = new Connection(io, language);
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

    /** Whether the connection said hello: v1 from then on, classic until then. */
    public boolean isV1() {
        return v1;
    }

    void markV1() {
        this.v1 = true;
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
        return transfer;
    }

    public void transfer(Transfer value) {
        this.transfer = value;
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

    /** Registers the future that the decoder's "payload done" completes. */
    synchronized void expectPayloadDone(CompletableFuture<Void> future) {
        this.payloadDone = future;
    }

    /** Takes the pending payload future, if any: completed by whoever takes it. */
    synchronized CompletableFuture<Void> takePayloadDone() {
        CompletableFuture<Void> future = payloadDone;
        payloadDone = null;
        return future;
    }

    /** Ends the connection now; an upload in flight keeps its partial for resume. */
    public void closeNow() {
        io.closeNow();
    }
}
