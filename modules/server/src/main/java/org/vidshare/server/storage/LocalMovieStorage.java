package org.vidshare.server.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.vidshare.core.spi.MovieStorage;

/** Movies as uuid-named files in {@code <data-dir>/movies}; partial uploads in {@code <data-dir>/partials}. */
public final class LocalMovieStorage implements MovieStorage {
    private final Path movies;
    private final Path partials;

    public LocalMovieStorage(Path dataDir) throws IOException {
        this.movies = Files.createDirectories(dataDir.resolve("movies"));
        this.partials = Files.createDirectories(dataDir.resolve("partials"));
    }

    @Override
    public String publish(Path completeFile) throws IOException {
        String storedName = UUID.randomUUID() + ".movie";
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
    public Path partialsDir() {
        return partials;
    }

    /**
     * Deletes every stored file that {@code published} does not name, and returns their names. A
     * publish moves the file into place and then commits the movie's row; a crash between the two
     * leaves a file that no row names and no client can ever reach (its uploader never got an
     * answer, and resumes from the start). Run before the server accepts requests, so no publish of
     * this server is in flight; with several nodes on one shared directory, run it only while none
     * of them publishes.
     */
    public List<String> deleteUnpublished(Set<String> published) throws IOException {
        List<String> deleted = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(movies)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!published.contains(name) && Files.isRegularFile(file) && Files.deleteIfExists(file)) {
                    deleted.add(name);
                }
            }
        }
        return deleted;
    }
}
