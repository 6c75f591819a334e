package org.vidshare.plugin.checkmovie;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.spi.Audience;
import org.vidshare.core.spi.Caller;
import org.vidshare.core.spi.CommandContext;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.CommandHandler;
import org.vidshare.core.spi.CommandSpec;
import org.vidshare.core.spi.Inputs;
import org.vidshare.core.spi.MovieStorage;
import org.vidshare.core.spi.PartialLeases;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;
import org.vidshare.domain.Movie;
import org.vidshare.domain.MovieCatalog;
import org.vidshare.domain.UploadPartials;

/**
 * {@code check_movie}: may this content be uploaded, and from which byte? A non-deleted movie with
 * the same fingerprint is a {@code conflict}; otherwise {@code offset} is what this admin's
 * unfinished upload of the same fingerprint and size already holds (0 without {@code file_size}).
 */
public final class CheckMovieHandler implements CommandHandler {
    private static final CommandSpec SPEC = CommandSpec.builder("check_movie", Audience.ADMIN)
            .label("检查电影", "Check movie")
            .repeatable()
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(Request request, CommandContext context) throws CommandException {
        Caller caller = context.requireCaller();
        String fingerprint = Inputs.hexDigest(request, "file_md5", 32);
        long fileSize = request.has("file_size") ? Inputs.range(request, "file_size", 0, Long.MAX_VALUE) : -1;

        Optional<Movie> existing = context.transactions().inTransaction(
                em -> MovieCatalog.activeByFingerprint(em, fingerprint));
        if (existing.isPresent()) {
            // The name beside the id: a client tells a person which movie it already is.
            throw new CommandException(ErrorCode.CONFLICT, "该电影已经存在", "The movie already exists")
                    .with("movie_id", existing.get().getId()).with("movie_name", existing.get().getName());
        }
        long offset = 0;
        if (fileSize > 0) {
            MovieStorage storage = context.requireFacility(MovieStorage.class);
            Path partial = UploadPartials.pathOf(storage.partialsDir(), caller.userId(), fingerprint, fileSize);
            Duration ttl = Duration.ofHours(context.settings().getLong("upload.partial-ttl-hours"));
            offset = Math.min(fileSize, UploadPartials.heldBytes(partial, ttl, context.clock().instant(),
                    context.requireFacility(PartialLeases.class)));
        }
        return Reply.ok("可以上传", "The movie may be uploaded").put("offset", offset);
    }
}
