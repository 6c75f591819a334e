package org.vidshare.client;

/** Progress of a payload, reported from the thread that moves the bytes. */
@FunctionalInterface
public interface TransferListener {
    /** {@code done} of {@code total} payload bytes have moved. */
    void progress(long done, long total);

    TransferListener NONE = (done, total) -> { };
}
