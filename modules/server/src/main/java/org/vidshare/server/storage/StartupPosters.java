package org.vidshare.server.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.MovieStorage;
import org.vidshare.domain.Movie;
import org.vidshare.media.MediaInfo;
import org.vidshare.media.MediaService;
import org.vidshare.server.persistence.Database;

/**
 * The start-up pass that gives movies published before posters existed (or whose poster was lost)
 * theirs: newest first, at most {@code media.startup-posters} movies per start, one at a time on a
 * low-priority thread of its own, so that a large catalog neither delays the start nor floods the
 * poster pool. A movie without media facts (published before they were read) is probed first and
 * its facts stored; a file that is no video is simply passed over.
 */
public final class StartupPosters {
    private static final Logger LOG = LoggerFactory.getLogger(StartupPosters.class);
    private static final long POSTER_WAIT_MINUTES = 5;

    private final Database database;
    private final MovieStorage storage;
    private final MediaService media;
    private final int limit;

    private StartupPosters(Database database, MovieStorage storage, MediaService media, int limit) {
        this.database = database;
        this.storage = storage;
        this.media = media;
        this.limit = limit;
    }

    public static void startInBackground(Database database, MovieStorage storage, MediaService media, int limit) {
        if (limit == 0) {
            return;
        }
        Thread thread = new Thread(new StartupPosters(database, storage, media, limit)::run, "vidshare-startup-posters");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private void run() {
        int made = 0;
        try {
            List<Movie> movies = database.inTransaction(em -> em.createQuery(
                    "SELECT m FROM Movie m ORDER BY m.uploadTime DESC, m.id DESC", Movie.class)
                    .setMaxResults(limit).getResultList());
            for (Movie movie : movies) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                if (posterFor(movie)) {
                    made++;
                }
            }
            if (made > 0) {
                LOG.info("start-up pass: {} posters made", made);
            }
        } catch (CommandException | RuntimeException e) {
            // The server is closing (database gone) or one row is odd: posters are a nicety, never fatal.
            LOG.warn("start-up poster pass stopped after {} posters", made, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean posterFor(Movie movie) throws CommandException, InterruptedException {
        Path file = storage.pathOf(movie.getStoredName());
        Path poster = storage.posterOf(movie.getStoredName());
        if (Files.exists(poster) || !Files.isRegularFile(file)) {
            return false;
        }
        Optional<MediaInfo> info = movie.hasMedia() ? Optional.of(new MediaInfo(movie.getDurationSeconds(),
                movie.getWidth(), movie.getHeight(), movie.getFrameRate(), movie.getVideoCodec(), movie.getAudioCodec()))
                : probeAndStore(movie, file);
        if (info.isEmpty()) {
            return false;
        }
        try {
            return media.makePoster(file, info.get(), poster).get(POSTER_WAIT_MINUTES, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private Optional<MediaInfo> probeAndStore(Movie movie, Path file) throws CommandException {
        Optional<MediaInfo> info = media.probe(file);
        if (info.isPresent()) {
            MediaInfo facts = info.get();
            database.inTransaction(em -> {
                Movie row = em.find(Movie.class, movie.getId());
                if (row != null && !row.hasMedia()) {
                    row.setMedia(facts.durationSeconds(), facts.width(), facts.height(), facts.frameRate(),
                            facts.videoCodec(), facts.audioCodec());
                }
                return null;
            });
        }
        return info;
    }
}
