package org.vidshare.plugin.getthumbnail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.protocol.Text;
import org.vidshare.core.spi.Audience;
import org.vidshare.core.spi.Caller;
import org.vidshare.core.spi.CommandContext;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.CommandHandler;
import org.vidshare.core.spi.CommandSpec;
import org.vidshare.core.spi.Field;
import org.vidshare.core.spi.FieldKind;
import org.vidshare.core.spi.MovieStorage;
import org.vidshare.core.spi.OutgoingFile;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;
import org.vidshare.domain.Movie;
import org.vidshare.domain.MovieCatalog;
import org.vidshare.media.MediaService;

/**
 * {@code get_thumbnail}: a movie's poster JPEG, made after its upload, as a reply payload with no
 * wait. Who may see a deleted movie's poster is who may still download it. No poster (not a video,
 * or not made yet) is {@code not_found}.
 */
public final class GetThumbnailHandler implements CommandHandler {
    private static final CommandSpec SPEC = CommandSpec.builder("get_thumbnail", Audience.ANY_ACCOUNT)
            .label("电影海报", "Movie poster")
            .field(Field.of("movie_id", FieldKind.MOVIE, Text.of("电影", "Movie")))
            .replyFile()
            .repeatable()
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(Request request, CommandContext context) throws CommandException {
        Caller caller = context.requireCaller();
        long movieId = request.requireLong("movie_id");
        MovieStorage storage = context.requireFacility(MovieStorage.class);
        Movie movie = context.transactions().inTransaction(em -> MovieCatalog.reachableBy(em, caller.userId(), movieId))
                .orElseThrow(() -> new CommandException(ErrorCode.NOT_FOUND, "电影不存在", "No such movie"));
        Path poster = storage.posterOf(movie.getStoredName());
        try {
            long size = Files.size(poster);
            Optional<int[]> pixels = MediaService.jpegSize(poster);
            if (pixels.isEmpty()) {
                throw new IllegalStateException("poster of movie " + movieId + " is not a JPEG: " + poster);
            }
            // Posters are only ever replaced whole (an atomic move), so this size is the file's.
            return Reply.ok("海报", "Poster")
                    .put("content_type", "image/jpeg")
                    .put("file_size", size)
                    .put("width", pixels.get()[0])
                    .put("height", pixels.get()[1])
                    .withFile(new OutgoingFile(poster, 0, size, Duration.ZERO));
        } catch (NoSuchFileException e) {
            throw new CommandException(ErrorCode.NOT_FOUND, "暂无海报", "No poster (yet)");
        } catch (IOException e) {
            throw new IllegalStateException("poster of movie " + movieId + " is unreadable: " + poster, e);
        }
    }
}
