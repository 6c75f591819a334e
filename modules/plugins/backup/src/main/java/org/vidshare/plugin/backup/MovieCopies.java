package org.vidshare.plugin.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vidshare.core.spi.MovieStorage;

/**
 * The movie files of a backup: a hard link where the file system allows one (instant, no space;
 * safe because a published movie file is never written again), otherwise a copy.
 */
record MovieCopies(int linked, int copied, long bytes) {
    static MovieCopies into(Path dir, MovieStorage storage, List<String> storedNames) throws IOException {
        int linked = 0;
        int copied = 0;
        long bytes = 0;
        for (String storedName : storedNames) {
            Path source = storage.pathOf(storedName);
            Path copy = dir.resolve(source.getFileName().toString());
            try {
                Files.createLink(copy, source);
                linked++;
            } catch (UnsupportedOperationException | IOException e) {
                Files.deleteIfExists(copy);
                Files.copy(source, copy);
                copied++;
            }
            bytes += Files.size(copy);
        }
        return new MovieCopies(linked, copied, bytes);
    }
}
