package org.vidshare.plugin.deletemovie;

import jakarta.persistence.LockModeType;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.protocol.Text;
import org.vidshare.core.spi.Audience;
import org.vidshare.core.spi.CommandContext;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.CommandHandler;
import org.vidshare.core.spi.CommandSpec;
import org.vidshare.core.spi.Field;
import org.vidshare.core.spi.FieldKind;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;
import org.vidshare.domain.Movie;

/**
 * {@code delete_movie}: a soft delete. The row is marked and the file stays, because buyers' and
 * downloaders' records still name it; the movie leaves the catalog and no longer blocks a re-upload.
 */
public final class DeleteMovieHandler implements CommandHandler {
    static final String KEY = "delete_movie_id";
    /** The classic clients' key for the same id. */
    static final String ALIAS = "movie_id";

    private static final CommandSpec SPEC = CommandSpec.builder("delete_movie", Audience.ADMIN)
            .label("删除电影", "Delete movie")
            .menu("电影", "Movies", 220)
            .field(Field.of(KEY, FieldKind.MOVIE, Text.of("电影", "Movie")))
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(Request request, CommandContext context) throws CommandException {
        context.requireCaller();
        long movieId = request.has(KEY) || !request.has(ALIAS) ? request.requireLong(KEY) : request.requireLong(ALIAS);
        long now = context.clock().millis();
        context.transactions().inTransaction(em -> {
            // Locked, so that two concurrent deletes cannot both succeed.
            Movie movie = em.find(Movie.class, movieId, LockModeType.PESSIMISTIC_WRITE);
            if (movie == null || movie.isDeleted()) {
                throw new CommandException(ErrorCode.NOT_FOUND, "电影不存在", "No such movie");
            }
            movie.markDeleted(now);
            return null;
        });
        return Reply.ok("删除成功", "Movie deleted");
    }
}
