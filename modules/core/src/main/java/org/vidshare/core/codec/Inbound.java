package org.vidshare.core.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.protocol.Text;

/** What the frame decoder hands up the filter chain. */
public sealed interface Inbound {

    /**
     * A well-formed request. {@code payloadLength} bytes follow it on the wire (uploads only).
     * A non-null {@code closingError} is a payload header so broken that the stream cannot be
     * followed: the server replies with it and closes.
     */
    record Frame(ObjectNode json, long payloadLength, ErrorCode closingError, Text closingText) implements Inbound {
    }

    /** A frame whose JSON does not parse, is not an object, or has no string type: framing is intact. */
    record Malformed(String reason) implements Inbound {
    }

    /** A length prefix out of range: the stream cannot be followed any more. */
    record BadFrame(int length) implements Inbound {
    }

    /** The last byte of a payload went into its sink; {@code failure} is the sink's error, if any. */
    record PayloadDone(Exception failure) implements Inbound {
    }
}
