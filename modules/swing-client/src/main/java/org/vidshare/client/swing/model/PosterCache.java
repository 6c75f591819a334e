package org.vidshare.client.swing.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Movie posters on disk: {@code <cache dir>/thumbnails/<host>_<port>/<movie id>.jpg}, fetched once
 * by {@code get_thumbnail} on the main connection and then read from the disk, also after a
 * restart of the client. A poster never changes for a movie id, so the cache is never invalidated;
 * deleting the directory is always safe.
 */
public final class PosterCache {
    private final Path dir;
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<Long, Boolean> missing = new ConcurrentHashMap<>();

    public PosterCache(Path cacheDir, String host, int port) {
        this.dir = cacheDir.resolve("thumbnails").resolve(host.replaceAll("[^A-Za-z0-9.-]", "_") + "_" + port);
    }

    /** The user's cache directory: {@code $XDG_CACHE_HOME/vidshare}, else {@code ~/.cache/vidshare}. */
    public static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("vidshare");
    }

    public Path dir() {
        return dir;
    }

    /** The cached poster of a movie, if it is on disk. */
    public Optional<Path> cached(long movieId) {
        Path file = dir.resolve(movieId + ".jpg");
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /**
     * Fetches a poster that is not cached yet; completes with its file, or empty when the server has
     * none. Only one fetch per movie at a time; a movie the server had no poster for is not asked again.
     */
    public CompletableFuture<Optional<Path>> fetch(Connection connection, long movieId) {
        Optional<Path> cached = cached(movieId);
        if (cached.isPresent() || missing.containsKey(movieId) || !inFlight.add(movieId)) {
            return CompletableFuture.completedFuture(cached);
        }
        Path target = dir.resolve(movieId + ".jpg");
        Path part = dir.resolve(movieId + ".jpg.part");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            inFlight.remove(movieId);
            return CompletableFuture.failedFuture(e);
        }
        return connection.fetchFile(Map.of("type", "get_thumbnail", "movie_id", movieId), part)
                .thenApply(reply -> {
                    try {
                        if (!reply.ok()) {
                            missing.put(movieId, true);
                            Files.deleteIfExists(part);
                            return Optional.<Path>empty();
                        }
                        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                        return Optional.of(target);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .whenComplete((result, failure) -> inFlight.remove(movieId));
    }
}
