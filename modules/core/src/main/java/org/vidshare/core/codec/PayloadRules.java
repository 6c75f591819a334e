package org.vidshare.core.codec;

import org.apache.mina.core.session.IoSession;
import org.vidshare.core.spi.RequestPayload;

/**
 * Tells the decoder whether a frame announces a payload. The server answers from its command
 * registry (through the connection's dialect, which may name a command differently), so the codec
 * itself knows no command.
 */
@FunctionalInterface
public interface PayloadRules {
    /** The payload rule of the command that a frame of this connection names; NONE for unknown types. */
    RequestPayload of(IoSession session, String type);

    PayloadRules NONE = (session, type) -> RequestPayload.NONE;
}
