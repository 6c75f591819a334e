package org.vidshare.plugin.backup;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.spi.CommandException;

/**
 * Where a backup may be written: a new directory inside the backup root ({@code backup.dir},
 * default {@code <data.dir>/backups}), so that an admin session cannot make the server write
 * anywhere else. A relative {@code to} is taken inside the root; an absolute one must lie inside it.
 */
final class BackupTarget {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    private BackupTarget() {
    }

    static Path root(String backupDir, String dataDir) {
        Path root = backupDir.isBlank() ? Path.of(dataDir).resolve("backups") : Path.of(backupDir);
        return root.toAbsolutePath().normalize();
    }

    /** Creates and returns the new directory; an existing one is a conflict (a backup is never merged into another). */
    static Path create(Path root, Optional<String> to, Instant now) throws CommandException, IOException {
        Path target;
        try {
            target = root.resolve(to.map(String::strip).filter(t -> !t.isEmpty()).orElse(STAMP.format(now))).normalize();
        } catch (InvalidPathException e) {
            throw CommandException.badRequest("备份目录无效", "bad backup directory: " + e.getMessage());
        }
        if (!target.startsWith(root) || target.equals(root)) {
            throw CommandException.badRequest("备份目录必须位于 backup.dir 之内",
                    "the backup directory must be inside backup.dir (" + root + ")");
        }
        Files.createDirectories(target.getParent());
        // A symbolic link inside the root could still lead out of it: compare where the parent really is.
        if (!target.getParent().toRealPath().startsWith(root.toRealPath())) {
            throw CommandException.badRequest("备份目录必须位于 backup.dir 之内",
                    "the backup directory must be inside backup.dir (" + root + ")");
        }
        try {
            return Files.createDirectory(target);
        } catch (FileAlreadyExistsException e) {
            throw new CommandException(ErrorCode.CONFLICT, "该备份目录已存在", "the backup directory already exists: " + target);
        }
    }
}
