package org.vidshare.plugin.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.protocol.Text;
import org.vidshare.core.spi.Audience;
import org.vidshare.core.spi.CommandContext;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.CommandHandler;
import org.vidshare.core.spi.CommandSpec;
import org.vidshare.core.spi.Field;
import org.vidshare.core.spi.FieldKind;
import org.vidshare.core.spi.MovieStorage;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;
import org.vidshare.core.spi.ResultKind;
import org.vidshare.core.spi.Settings;

/**
 * {@code backup} (admin): while the server runs, H2's online {@code BACKUP TO} writes a consistent
 * zip of the database into a new directory inside {@code backup.dir}, then the movie files named
 * by the rows are hard-linked (copied where links are not possible) into its {@code movies/}.
 *
 * <p>Why that is consistent: movie files are immutable once published and never removed while a
 * row names them (delete_movie is a soft delete), so every row in the zip names a file that is
 * still there when the files are taken. The rows are listed after the zip is written, so a movie
 * published in between is copied too; a restored server holds that file without a row, which is
 * what its orphans rule is for (docs/operations.md). PostgreSQL is not backed up here: its own
 * pg_dump is the consistent tool, and the reply says so.
 */
public final class BackupHandler implements CommandHandler {
    static final String DATABASE_FILE = "vidshare-db.zip";
    static final String MOVIES_DIR = "movies";

    private static final CommandSpec SPEC = CommandSpec.builder("backup", Audience.ADMIN)
            .label("备份", "Backup")
            .menu("系统", "System", 900)
            .field(Field.of("to", FieldKind.TEXT, Text.of("目录(backup.dir 之内,可空)",
                    "Directory (inside backup.dir, optional)")).optional().max(255))
            .result(ResultKind.RECORD)
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(Request request, CommandContext context) throws CommandException {
        Settings settings = context.settings();
        requireH2(settings.get("db.url"));
        MovieStorage storage = context.facility(MovieStorage.class).orElseThrow(() -> new CommandException(
                ErrorCode.INTERNAL, "服务器没有影片存储", "the server has no movie storage"));
        Path root = BackupTarget.root(settings.get("backup.dir"), settings.get("data.dir"));
        Instant now = context.clock().instant();
        Path target;
        try {
            target = BackupTarget.create(root, request.optString("to"), now);
        } catch (IOException e) {
            throw new CommandException(ErrorCode.INTERNAL, "无法创建备份目录", "cannot create the backup directory: " + e);
        }
        try {
            Path zip = target.resolve(DATABASE_FILE);
            List<String> storedNames = context.transactions().inTransaction(em -> {
                em.createNativeQuery("BACKUP TO '" + zip.toString().replace("'", "''") + "'").executeUpdate();
                return em.createQuery("SELECT m.storedName FROM Movie m", String.class).getResultList();
            });
            MovieCopies copies = MovieCopies.into(Files.createDirectory(target.resolve(MOVIES_DIR)), storage, storedNames);
            return Reply.ok("备份完成", "Backup written")
                    .put("backup_dir", target.toString())
                    .put("database_file", zip.getFileName().toString())
                    .put("database_bytes", Files.size(zip))
                    .put("movie_count", storedNames.size())
                    .put("movies_linked", copies.linked())
                    .put("movies_copied", copies.copied())
                    .put("movie_bytes", copies.bytes());
        } catch (CommandException | IOException | RuntimeException e) {
            // Half a backup must not look like one.
            deleteQuietly(target);
            if (e instanceof CommandException failure) {
                throw failure;
            }
            throw new CommandException(ErrorCode.INTERNAL, "备份失败", "the backup failed: " + e);
        }
    }

    private static void requireH2(String jdbcUrl) throws CommandException {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw CommandException.badRequest("数据库是 PostgreSQL:请用 pg_dump 备份,再复制 movies/ 目录",
                    "the database is PostgreSQL: back it up with pg_dump (pg_dump -Fc -f vidshare.dump <db>),"
                            + " then copy data.dir/movies/ (docs/operations.md, Backup)");
        }
        if (!jdbcUrl.isEmpty() && !jdbcUrl.startsWith("jdbc:h2:")) {
            throw CommandException.badRequest("此命令只备份 H2 数据库", "this command backs up an H2 database only");
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // Nothing more to do: the reply already says the backup failed.
        }
    }
}
