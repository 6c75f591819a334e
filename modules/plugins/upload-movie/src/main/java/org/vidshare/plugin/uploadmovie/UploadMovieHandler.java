package org.vidshare.plugin.uploadmovie;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.protocol.Text;
import org.vidshare.core.spi.Audience;
import org.vidshare.core.spi.Caller;
import org.vidshare.core.spi.CommandContext;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.CommandHandler;
import org.vidshare.core.spi.CommandSpec;
import org.vidshare.core.spi.CrashPoints;
import org.vidshare.core.spi.Field;
import org.vidshare.core.spi.FieldKind;
import org.vidshare.core.spi.MovieStorage;
import org.vidshare.core.spi.PartialLeases;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;
import org.vidshare.core.spi.RequestPayload;
import org.vidshare.domain.Movie;
import org.vidshare.domain.MovieCatalog;
import org.vidshare.domain.UniqueKeys;
import org.vidshare.domain.UploadPartials;
import org.vidshare.media.MediaInfo;
import org.vidshare.media.MediaService;

/**
 * {@code upload_movie}: check arguments → check the catalog → open the partial → stream the
 * payload into it → verify → read its media facts → publish (→ a poster, later). The payload goes from the socket buffer to the partial file,
 * and a thread of the upload's own hashes it behind the writer; a dropped connection leaves the partial for a resume and publishes
 * nothing. Every refusal before the payload is claimed lets the dispatcher discard the payload.
 */
public final class UploadMovieHandler implements CommandHandler {
    private static final CommandSpec SPEC = CommandSpec.builder("upload_movie", Audience.ADMIN)
            .label("上传电影", "Upload movie")
            .menu("电影", "Movies", 200)
            .field(Field.of("file", FieldKind.FILE, Text.of("文件", "File")))
            .field(Field.of("is_free", FieldKind.BOOL, Text.of("免费", "Free")))
            .requestPayload(RequestPayload.sizedBy("file_size", "offset"))
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(Request request, CommandContext context) throws CommandException {
        Caller caller = context.requireCaller();
        UploadRequest upload = UploadRequest.parse(request);
        MovieStorage storage = context.requireFacility(MovieStorage.class);
        Duration ttl = Duration.ofHours(context.settings().getLong("upload.partial-ttl-hours"));
        PartialLeases leases = context.requireFacility(PartialLeases.class);
        UploadPartials.sweepExpired(storage.partialsDir(), ttl, context.clock().instant(), leases);

        Optional<Long> existing = publishedMovie(context, upload.fingerprint());
        if (existing.isPresent()) {
            throw alreadyExists(existing.get());
        }
        // The server has already checked the free disk and upload.max-concurrent-per-user for this payload.
        return Reply.later(receive(context, caller, upload, storage, leases));
    }

    private CompletionStage<Reply> receive(CommandContext context, Caller caller, UploadRequest upload,
                                           MovieStorage storage, PartialLeases leases) throws CommandException {
        Path path = UploadPartials.pathOf(storage.partialsDir(), caller.userId(), upload.fingerprint(), upload.fileSize());
        PartialUpload partial;
        try {
            partial = PartialUpload.open(path, upload.offset(), leases, context.payload(), storage.syncsBeforePublish());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CompletionStage<Void> received;
        try {
            received = context.payload().receiveInto(partial);
        } catch (RuntimeException e) {
            closeQuietly(partial);
            throw e;
        }
        return received.handle((done, failure) -> {
            if (failure != null) {
                // Dropped, stalled or unwritable: keep the bytes for a resume, publish nothing.
                closeQuietly(partial);
                throw failure instanceof CompletionException ce ? ce : new CompletionException(failure);
            }
            return null;
        }).thenCompose(done -> verify(upload, partial)).thenApply(sha256 -> {
            // On the hashing thread (or here, if it was done already): the network thread is free.
            try {
                return publish(context, caller, upload, storage, partial, sha256);
            } catch (CommandException e) {
                throw new CompletionException(e);
            }
        });
    }

    /** After the last byte: the file's SHA-256, or the upload's end (an integrity failure discards the partial). */
    private static CompletionStage<String> verify(UploadRequest upload, PartialUpload partial) {
        CompletionStage<String> sha256;
        try {
            sha256 = partial.verify(upload);
        } catch (CommandException integrity) {
            return CompletableFuture.failedStage(discardAfter(partial, integrity));
        } catch (IOException e) {
            closeQuietly(partial);
            return CompletableFuture.failedStage(new UncheckedIOException(e));
        }
        return sha256.handle((sha, failure) -> {
            if (failure == null) {
                return sha;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof CommandException integrity) {
                throw new CompletionException(discardAfter(partial, integrity));
            }
            closeQuietly(partial);
            throw new CompletionException(cause instanceof IOException io ? new UncheckedIOException(io) : cause);
        });
    }

    /** The integrity failure to report, once the partial that failed it is gone. */
    private static Exception discardAfter(PartialUpload partial, CommandException integrity) {
        try {
            partial.discard();
            return integrity;
        } catch (IOException e) {
            closeQuietly(partial);
            return new UncheckedIOException(e);
        }
    }

    /**
     * Moves the verified partial into place and commits the row. Two admins (on any nodes) finishing
     * the same content race here; the database's unique key on published content lets one row in,
     * and the other gets the winner's movie_id (its file goes again).
     */
    private static Reply publish(CommandContext context, Caller caller, UploadRequest upload, MovieStorage storage,
                          PartialUpload partial, String sha256) throws CommandException {
        try {
            // Read before the lock (bounded by media.probe-timeout-seconds): a file that is no readable
            // video publishes without facts, never fails here.
            Optional<MediaService> media = context.facility(MediaService.class);
            Optional<MediaInfo> info = media.flatMap(service -> service.probe(partial.path()));
            CrashPoints.reach(CrashPoints.UPLOAD_BEFORE_PUBLISH);
            Optional<Long> existing = publishedMovie(context, upload.fingerprint());
            if (existing.isPresent()) {
                partial.discard();
                throw alreadyExists(existing.get());
            }
            String storedName = partial.publish(storage);
            long movieId = commitRow(context, caller, upload, storage, storedName, sha256, info);
            if (media.isPresent() && info.isPresent()) {
                // Off the request path: the reply goes now, the poster appears when it is made.
                media.get().makePoster(storage.pathOf(storedName), info.get(), storage.posterOf(storedName));
            }
            return Reply.ok("上传成功", "Upload complete").put("movie_id", movieId).put("sha256", sha256);
        } catch (IOException e) {
            closeQuietly(partial);
            throw new UncheckedIOException(e);
        }
    }

    private static long commitRow(CommandContext context, Caller caller, UploadRequest upload, MovieStorage storage,
                                  String storedName, String sha256, Optional<MediaInfo> info)
            throws CommandException, IOException {
        try {
            long movieId = context.transactions().inTransaction(em -> {
                Movie movie = new Movie(upload.fileName(), storedName, upload.fileSize(), upload.fingerprint(),
                        sha256, upload.free(), context.clock().millis(), caller.userId());
                info.ifPresent(facts -> movie.setMedia(facts.durationSeconds(), facts.width(), facts.height(),
                        facts.frameRate(), facts.videoCodec(), facts.audioCodec()));
                em.persist(movie);
                em.flush();
                CrashPoints.reach(CrashPoints.UPLOAD_BEFORE_COMMIT);
                return movie.getId();
            });
            CrashPoints.reach(CrashPoints.UPLOAD_AFTER_COMMIT);
            return movieId;
        } catch (CommandException | RuntimeException e) {
            // No row, no movie: the published file would be an orphan nobody can name.
            Files.deleteIfExists(storage.pathOf(storedName));
            if (UniqueKeys.violatedBy(e)) {
                Optional<Long> winner = publishedMovie(context, upload.fingerprint());
                if (winner.isPresent()) {
                    throw alreadyExists(winner.get());
                }
            }
            throw e;
        }
    }

    private static Optional<Long> publishedMovie(CommandContext context, String fingerprint) throws CommandException {
        return context.transactions().inTransaction(
                em -> MovieCatalog.activeByFingerprint(em, fingerprint).map(Movie::getId));
    }

    private static CommandException alreadyExists(long movieId) {
        return new CommandException(ErrorCode.CONFLICT, "该电影已经存在", "The movie already exists")
                .with("movie_id", movieId);
    }

    private static void closeQuietly(PartialUpload partial) {
        try {
            partial.close();
        } catch (IOException ignored) {
            // Closing only releases the file; the next open reports any real problem.
        }
    }
}
