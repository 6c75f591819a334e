package org.vidshare.core.spi;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where published movie files live (a local directory by default; a shared directory serves several
 * nodes). Stored names are chosen by the storage, never by a client.
 */
public interface MovieStorage {
    /**
     * Moves a complete, verified file into storage atomically and returns its stored name. Unless the
     * operator turned it off ({@code upload.sync-before-publish}), the file's bytes and its new name
     * are on the disk when this returns, so that the row committed next never names a file a power
     * loss could take back.
     */
    String publish(Path completeFile) throws IOException;

    /**
     * Whether {@link #publish} waits for the disk (the operator's {@code upload.sync-before-publish}):
     * a writer may then start the disk writes early, so that the wait finds little left.
     */
    default boolean syncsBeforePublish() {
        return false;
    }

    /** The readable file of a stored name. */
    Path pathOf(String storedName);

    /**
     * Where a stored movie's poster JPEG is (or will be): beside the movies in storage, in a
     * directory of its own so that the movie files stay the only files there.
     */
    Path posterOf(String storedName);

    /** A directory for this server's partial uploads (same file system as storage, so publish is a rename). */
    Path partialsDir();
}
