package org.vidshare.core.spi;

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
}
