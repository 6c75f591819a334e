package org.vidshare.server.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.vidshare.core.spi.MovieStorage;

/**
 * Movies as uuid-named files in {@code <data-dir>/movies}; their posters in {@code <data-dir>/thumbnails};
 * partial uploads in {@code <data-dir>/partials}.
 *
 * <p>A movie is on the disk before it is published ({@code upload.sync-before-publish}, on by
 * default): its bytes are forced out, then the rename that publishes it, and only then does its row
 * commit. Without that, a power loss could leave a committed row (PostgreSQL's commits are durable)
 * and its SHA-256 naming a file that is short or zeroed on disk, and the fingerprint check would
 * then refuse the very upload that could repair it. A file that is in storage with no row after a
 * crash is an orphan, moved aside at the next start ({@link OrphanMovieFiles}).
 */
public final class LocalMovieStorage implements MovieStorage {
    private final Path movies;
    private final Path partials;
    private final Path posters;
    private final boolean syncBeforePublish;
    /** Told how long each publish waited for the disk (nanoseconds): the metrics, when they are on. */
    private volatile LongConsumer syncObserver = nanos -> {
    };

    public LocalMovieStorage(Path dataDir, boolean syncBeforePublish) throws IOException {
        this.syncBeforePublish = syncBeforePublish;
        this.movies = Files.createDirectories(dataDir.resolve("movies"));
        this.posters = Files.createDirectories(dataDir.resolve("thumbnails"));
        this.partials = Files.createDirectories(dataDir.resolve("partials"));
    }

    @Override
    public String publish(Path completeFile) throws IOException {
        String storedName = UUID.randomUUID() + ".movie";
        // A resumed upload may publish a partial last written hours ago: the file arrives in storage
        // as new, so that no node's orphan check takes it for old before its row commits.
        Files.setLastModifiedTime(completeFile, FileTime.from(Instant.now()));
        long start = System.nanoTime();
        if (syncBeforePublish) {
            force(completeFile);
        }
        Files.move(completeFile, movies.resolve(storedName), StandardCopyOption.ATOMIC_MOVE);
        if (syncBeforePublish) {
            // The rename is an entry in the directory: durable once the directory is forced too.
            force(movies);
            syncObserver.accept(System.nanoTime() - start);
        }
        return storedName;
    }

    @Override
    public boolean syncsBeforePublish() {
        return syncBeforePublish;
    }

    /** {@code observer} is told how long each publish waited for the disk, in nanoseconds. */
    public void observeSyncs(LongConsumer observer) {
        this.syncObserver = observer;
    }

    /** Waits until {@code path}'s data (a file's bytes, a directory's entries) is on the disk: fsync. */
    private static void force(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    @Override
    public Path pathOf(String storedName) {
        Path path = movies.resolve(storedName).normalize();
        if (!path.getParent().equals(movies)) {
            throw new IllegalArgumentException("stored name escapes storage: " + storedName);
        }
        return path;
    }

    @Override
    public Path posterOf(String storedName) {
        return posters.resolve(pathOf(storedName).getFileName() + ".jpg");
    }

    @Override
    public Path partialsDir() {
        return partials;
    }

    /** Where published movies are; {@link OrphanMovieFiles} looks here for files no row names. */
    Path moviesDir() {
        return movies;
    }
}
