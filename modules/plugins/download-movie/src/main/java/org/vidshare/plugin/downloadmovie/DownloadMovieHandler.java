package org.vidshare.plugin.downloadmovie;

import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import org.vidshare.core.spi.OutgoingFile;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;
import org.vidshare.domain.DownloadRecord;
import org.vidshare.domain.LedgerEntry;
import org.vidshare.domain.Movie;
import org.vidshare.domain.MovieCatalog;
import org.vidshare.domain.Pricing;
import org.vidshare.domain.Purchase;
import org.vidshare.domain.User;
import org.vidshare.domain.Users;
import org.vidshare.domain.Wallets;

/**
 * {@code download_movie}: decides price and wait from the movie and the caller (never from the
 * request), charges a paid movie once per user, records the download, and replies at once; the
 * bytes follow after the wait, scheduled by the server with no thread held.
 *
 * <p>Charge, purchase, ledger entry and download record commit together under the user's row lock,
 * so one user's concurrent purchases are serialized: each either fits the balance or gets
 * {@code insufficient_balance}, and no movie is charged twice.
 */
public final class DownloadMovieHandler implements CommandHandler {
    private static final CommandSpec SPEC = CommandSpec.builder("download_movie", Audience.ANY_ACCOUNT)
            .label("下载电影", "Download movie")
            .menu("电影", "Movies", 210)
            .field(Field.of("movie_id", FieldKind.MOVIE, Text.of("电影", "Movie")))
            .field(Field.of("offset", FieldKind.NUMBER, Text.of("续传位置", "Resume from byte")).optional())
            .field(Field.of("is_resume", FieldKind.BOOL, Text.of("继续之前的下载", "Continues an earlier download")).optional())
            .replyFile()
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(Request request, CommandContext context) throws CommandException {
        Caller caller = context.requireCaller();
        long movieId = request.requireLong("movie_id");
        long offset = request.optLong("offset", 0);
        // A resume continues the user's last download of the movie: with bytes (offset > 0), or with
        // none yet when the client says so (paused or cut during the wait).
        boolean resume = offset > 0 || request.has("is_resume") && request.requireFlag("is_resume");
        MovieStorage storage = context.requireFacility(MovieStorage.class);
        Pricing pricing = Pricing.from(context.settings());
        Instant now = context.clock().instant();

        Grant grant = context.transactions().inTransaction(em -> grant(em, caller, movieId, offset, resume, pricing,
                storage, now));
        if (grant.priceCents() > 0) {
            CrashPoints.reach(CrashPoints.PURCHASE_AFTER_COMMIT);
        }
        return Reply.ok("开始下载", "Download granted")
                .put("file_name", grant.movie().getName())
                .put("file_size", grant.movie().getFileSize())
                .put("offset", offset)
                .put("wait_time", grant.waitSeconds())
                .put("price_cents", grant.priceCents())
                .put("sha256", grant.movie().getSha256())
                .withFile(new OutgoingFile(grant.file(), offset, grant.movie().getFileSize() - offset,
                        Duration.ofSeconds(grant.waitSeconds())));
    }

    /** What one granted download is: the movie, its file, what it cost and how long the caller waits. */
    private record Grant(Movie movie, Path file, long priceCents, long waitSeconds) {
    }

    private static Grant grant(EntityManager em, Caller caller, long movieId, long offset, boolean resume,
                               Pricing pricing, MovieStorage storage, Instant now) throws CommandException {
        Movie movie = MovieCatalog.reachableBy(em, caller.userId(), movieId)
                .orElseThrow(() -> new CommandException(ErrorCode.NOT_FOUND, "电影不存在", "No such movie"));
        if (offset < 0 || offset > movie.getFileSize()) {
            throw Request.invalid("offset", "必须在 0 到 " + movie.getFileSize() + " 之间",
                    "must be between 0 and " + movie.getFileSize());
        }
        Path file = storedFile(storage, movie);
        // A customer may buy a paid movie: the wallet's row lock serializes their purchases until commit.
        boolean mayBuy = !movie.isFree() && !caller.isAdmin();
        User user = (mayBuy ? Users.lockedForUpdate(em, caller.userId()) : Users.byId(em, caller.userId()))
                .orElseThrow(() -> CommandException.of(ErrorCode.NOT_LOGGED_IN));
        boolean alreadyBought = mayBuy && bought(em, user.getId(), movie.getId());
        long price = pricing.priceFor(movie, user, alreadyBought);
        if (mayBuy && !alreadyBought) {
            buy(em, user, movie, price, now);
        }
        // A resume continues a download already recorded: it adds no record (PROTOCOL.md section 7, Resumes).
        DownloadRecord resumed = resume ? latestRecord(em, user.getId(), movie.getId()) : null;
        long waitSeconds = pricing.waitSecondsFor(movie, user, resumed, now);
        if (resumed == null) {
            // Dated when its bytes start, after the wait: a resume during the wait waits what is left.
            em.persist(DownloadRecord.of(user, movie, price, now.plusSeconds(waitSeconds)));
        }
        if (price > 0 && CrashPoints.isArmed(CrashPoints.PURCHASE_BEFORE_COMMIT)) {
            em.flush(); // the rows reach the database's uncommitted state, then the crash
            CrashPoints.reach(CrashPoints.PURCHASE_BEFORE_COMMIT);
        }
        return new Grant(movie, file, price, waitSeconds);
    }

    /** The charge, its ledger entry and the purchase, or {@code insufficient_balance} with nothing changed. */
    private static void buy(EntityManager em, User lockedUser, Movie movie, long price, Instant now)
            throws CommandException {
        if (!Wallets.covers(lockedUser, price)) {
            throw new CommandException(ErrorCode.INSUFFICIENT_BALANCE, "余额不足，请先充值",
                    "Your balance does not cover this movie")
                    .with("price_cents", price).with("balance_cents", lockedUser.getBalanceCents());
        }
        Wallets.charge(em, lockedUser, LedgerEntry.MOVIE, price, movie.getId(), now.toEpochMilli());
        em.persist(Purchase.of(lockedUser, movie, price, now));
    }

    private static boolean bought(EntityManager em, long userId, long movieId) {
        return em.createQuery("SELECT COUNT(p) FROM Purchase p WHERE p.userId = :user AND p.movieId = :movie", Long.class)
                .setParameter("user", userId).setParameter("movie", movieId)
                .getSingleResult() > 0;
    }

    /** The user's newest download record of the movie, or null when they never downloaded it. */
    private static DownloadRecord latestRecord(EntityManager em, long userId, long movieId) {
        return em.createQuery("SELECT r FROM DownloadRecord r WHERE r.userId = :user AND r.movieId = :movie"
                        + " ORDER BY r.downloadTime DESC, r.id DESC", DownloadRecord.class)
                .setParameter("user", userId).setParameter("movie", movieId)
                .setMaxResults(1)
                .getResultStream().findFirst().orElse(null);
    }
    /**
     * The movie's file, checked before anything is charged: a file missing from storage is a server
     * fault (an {@code internal} reply), never a paid download that sends nothing.
     */
    private static Path storedFile(MovieStorage storage, Movie movie) {
        Path file = storage.pathOf(movie.getStoredName());
        try {
            long size = Files.size(file);
            if (size != movie.getFileSize()) {
                throw new IllegalStateException("stored file " + file + " has " + size + " bytes, movie "
                        + movie.getId() + " says " + movie.getFileSize());
            }
        } catch (IOException e) {
            throw new IllegalStateException("stored file of movie " + movie.getId() + " is unreadable: " + file, e);
        }
        return file;
    }
}
