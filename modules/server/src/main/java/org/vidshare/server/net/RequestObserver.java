package org.vidshare.server.net;

/** Told of every request once its reply is on its way (metrics); {@link #NONE} when nobody listens. */
public interface RequestObserver {
    RequestObserver NONE = (type, code, nanos) -> { };

    /**
     * One request done. {@code type} is what the client named (may be unknown or "?"), {@code code}
     * the reply's error code in the native protocol's spelling, {@code nanos} from frame to reply.
     */
    void requestDone(String type, Object code, long nanos);
}
