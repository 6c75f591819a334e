package org.vidshare.core.spi;

import java.util.Optional;

/** The connection's sessions (docs/protocol.md, Sessions and roles), as handlers may change them. */
public interface Sessions {
    /** Opens a session for the account on this connection and returns its unguessable token. */
    String open(Caller caller);

    /** Ends this connection's session. */
    void closeCurrent();

    /** Ends every live session of the account at once (an admin lock). */
    void endAllOf(long userId);

    /**
     * Ends every live session of the account except the one on this connection (a new password:
     * whoever knew the old one is out, the connection that set it stays in).
     */
    void endOthersOf(long userId);

    /**
     * A stable id of this connection's current session that does not reveal its token (the
     * SHA-256 of the token, hex), for records that must die with the session; empty without one.
     */
    Optional<String> currentId();

    /**
     * Runs {@code action} once when this connection's current session ends (logout, disconnect,
     * an admin lock, a new login on the connection), or at once if it has no live session any
     * more. One action per {@code key}: registering a key again keeps the first action.
     */
    void whenCurrentEnds(String key, Runnable action);
}
