package org.vidshare.server.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.UUID;
import org.vidshare.core.spi.MovieStorage;

/**
 * Movies as uuid-named files in {@code <data-dir>/movies}; their posters in {@code <data-dir>/thumbnails};
 * partial uploads in {@code <data-dir>/partials}.
 */
public final class LocalMovieStorage implements MovieStorage {
    private final Path movies;
    private final Path partials;
    private final Path posters;

    public LocalMovieStorage(Path dataDir) throws IOException {
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
        Files.move(completeFile, movies.resolve(storedName), StandardCopyOption.ATOMIC_MOVE);
        return storedName;
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
