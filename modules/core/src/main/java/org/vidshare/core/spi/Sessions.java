package org.vidshare.core.spi;

/** The connection's sessions (docs/protocol.md, Sessions and roles), as handlers may change them. */
public interface Sessions {
    /** Opens a session for the account on this connection and returns its unguessable token. */
    String open(Caller caller);

    /** Ends this connection's session. */
    void closeCurrent();

    /** Ends every live session of the account at once (an admin lock). */
    void endAllOf(long userId);
}
