package org.vidshare.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's one door to movie media: {@link #probe} (at publish, bounded in time) and
 * {@link #makePoster} (off the request path). Each runs on a small pool of its own with a bounded
 * queue; a probe that takes longer than the timeout, or finds its pool full, gives "no metadata",
 * never a failed upload. The server creates one, hands it to plugins as a facility and closes it.
 */
public final class MediaService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MediaService.class);
    private static final int QUEUE = 64;

    private final Duration timeout;
    private final FfTools tools;
    private final ThreadPoolExecutor probes;
    private final ThreadPoolExecutor posters;

    private MediaService(Duration timeout, FfTools tools) {
        this.timeout = timeout;
        this.tools = tools;
        this.probes = pool("vidshare-probe", 2);
        this.posters = pool("vidshare-poster", 1);
    }

    /** A service that uses ffprobe/ffmpeg when {@code useTools} and they are on the PATH. */
    public static MediaService create(Duration timeout, boolean useTools) {
        MediaService service = new MediaService(timeout, useTools ? FfTools.fromPath(timeout) : FfTools.none());
        LOG.info("media: MP4/MOV read in Java, thumbnails by jcodec{}{}",
                service.tools.hasProbe() ? "; ffprobe for other containers" : "",
                service.tools.hasEncoder() ? "; ffmpeg for codecs jcodec cannot decode" : "");
        return service;
    }

    /**
     * The movie's media facts, or empty: not a video, unreadable, too slow (past the timeout) or the
     * pool is busy. Never throws for a bad file.
     */
    public Optional<MediaInfo> probe(Path movie) {
        Future<Optional<MediaInfo>> task;
        try {
            task = probes.submit(() -> readInfo(movie));
        } catch (RejectedExecutionException busy) {
            LOG.warn("media probe queue full; {} publishes without metadata", movie.getFileName());
            return Optional.empty();
        }
        try {
            return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            LOG.warn("media probe of {} took over {}; no metadata", movie.getFileName(), timeout);
            return Optional.empty();
        } catch (ExecutionException e) {
            LOG.warn("media probe of {} failed; no metadata", movie.getFileName(), e.getCause());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task.cancel(true);
            return Optional.empty();
        }
    }

    private Optional<MediaInfo> readInfo(Path movie) throws IOException, InterruptedException {
        if (Mp4Probe.looksLikeIsoMedia(movie)) {
            Optional<MediaInfo> info = Mp4Probe.probe(movie);
            if (info.isPresent()) {
                return info;
            }
        }
        return tools.probe(movie);
    }

    /**
     * Makes the poster of a movie (from a frame near 10% of its duration) at {@code jpeg}, later, on
     * the poster pool; completes with whether one was written. The file appears atomically, so a
     * reader sees a whole JPEG or none.
     */
    public CompletableFuture<Boolean> makePoster(Path movie, MediaInfo info, Path jpeg) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        try {
            posters.execute(() -> {
                try {
                    done.complete(writePoster(movie, info, jpeg));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("no poster for {}", movie.getFileName(), e);
                    done.complete(false);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    done.complete(false);
                }
            });
        } catch (RejectedExecutionException busy) {
            done.complete(false); // the start-up pass makes it later
        }
        return done;
    }

    private boolean writePoster(Path movie, MediaInfo info, Path jpeg) throws IOException, InterruptedException {
        double second = info.durationSeconds() * 0.10;
        Files.createDirectories(jpeg.getParent());
        Path temporary = jpeg.resolveSibling(jpeg.getFileName() + ".part");
        try {
            Optional<MovieBox.VideoStream> stream = Mp4Probe.looksLikeIsoMedia(movie)
                    ? Mp4Probe.videoStream(movie) : Optional.empty();
            Optional<PosterFrame.Poster> poster = stream.isPresent()
                    ? PosterFrame.at(movie, stream.get(), second) : Optional.empty();
            if (poster.isPresent()) {
                Files.write(temporary, poster.get().jpeg());
            } else if (!tools.poster(movie, second, PosterFrame.MAX_WIDTH, temporary)) {
                return false;
            }
            Files.move(temporary, jpeg, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Width and height of a JPEG file written by {@link #makePoster}, read from its frame header. */
    public static Optional<int[]> jpegSize(Path jpeg) throws IOException {
        return JpegSize.of(jpeg);
    }

    @Override
    public void close() {
        probes.shutdownNow();
        posters.shutdownNow();
    }

    private static ThreadPoolExecutor pool(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), runnable -> {
                    Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    thread.setPriority(Thread.MIN_PRIORITY);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
