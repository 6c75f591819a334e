package org.vidshare.core.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.protocol.Text;
import org.vidshare.core.spi.IncomingPayload;

/**
 * What the frame decoder hands up the filter chain: one message per request. After each one the
 * connection reads nothing more until the server calls {@link FrameReader#next()}.
 */
public sealed interface Inbound {

    /**
     * A well-formed request and the bytes that follow it ({@link IncomingPayload#NONE} when its
     * command carries none). A non-null {@code closingError} is a payload header so broken that
     * the stream cannot be followed: the server replies with it and closes.
     */
    record Frame(ObjectNode json, IncomingPayload payload, ErrorCode closingError, Text closingText) implements Inbound {
    }

    /** A frame whose JSON does not parse, is not an object, or has no string type: framing is intact. */
    record Malformed(String reason) implements Inbound {
    }

    /**
     * The client sent this many requests in a row before reading their replies: it does not wait
     * for them (one request at a time), so the connection is closed.
     */
    record TooFarAhead(int requests) implements Inbound {
    }

    /** A length prefix out of range: the stream cannot be followed any more. */
    record BadFrame(int length) implements Inbound {
    }
}
