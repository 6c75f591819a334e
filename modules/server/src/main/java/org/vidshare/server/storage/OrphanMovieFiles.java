package org.vidshare.server.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Movie files that no movie row names, moved aside at start, never deleted. A publish moves the
 * file into storage and then commits its row: a crash between the two leaves a file nobody can
 * reach. But a file without a row is just as likely the database's fault (a mistyped
 * {@code db.url}, a restored older backup), so such files go to {@code <data.dir>/orphans/} where
 * an operator can look at them, only once they are old enough that no publish (of this or another
 * node) can still be committing them, and not at all while the database has no movie at all.
 */
public final class OrphanMovieFiles {
    /** Far longer than a publish's move-to-commit, and than clock skew between nodes on shared storage. */
    public static final Duration MIN_AGE = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(OrphanMovieFiles.class);

    private final Path movies;
    private final Path orphans;

    public OrphanMovieFiles(LocalMovieStorage storage, Path dataDir) {
        this.movies = storage.moviesDir();
        this.orphans = dataDir.resolve("orphans");
    }

    /**
     * Moves every file older than {@link #MIN_AGE} that {@code published} (every stored name of the
     * movie table) does not name, and returns where each went. Safe while another node does the
     * same: a file that is gone by the time it is moved was moved by that node.
     */
    public List<Path> moveAside(Set<String> published, Instant now) throws IOException {
        List<Path> files = storedFiles();
        if (published.isEmpty() && !files.isEmpty()) {
            LOG.error("the database holds no movies but {} holds {} movie files: nothing is moved. Probably db.url"
                    + " names the wrong database or an older backup was restored. Fix db.url (or restore the"
                    + " right database) and start again; if these files really belong to no movie, move them"
                    + " out of {} by hand.", movies, files.size(), movies);
            return List.of();
        }
        List<Path> moved = new ArrayList<>();
        Instant cutoff = now.minus(MIN_AGE);
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (published.contains(name)) {
                continue;
            }
            try {
                if (!Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    continue;
                }
                Path target = moveToOrphans(file);
                LOG.warn("movie file {} is named by no movie row and is older than {} h: moved to {}",
                        file, MIN_AGE.toHours(), target);
                moved.add(target);
            } catch (NoSuchFileException e) {
                // Another node moved it first.
            }
        }
        return moved;
    }

    private List<Path> storedFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(movies)) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry)) {
                    files.add(entry);
                }
            }
        }
        return files;
    }

    /**
     * A rename within the data directory, so atomic. An orphan of the same name already there (a
     * file orphaned twice, after being put back by hand) is kept: the newcomer gets a suffix.
     */
    private Path moveToOrphans(Path file) throws IOException {
        Files.createDirectories(orphans);
        String name = file.getFileName().toString();
        Path target = orphans.resolve(name);
        for (int attempt = 1; ; attempt++) {
            if (!Files.exists(target)) {
                try {
                    // No REPLACE_EXISTING: never overwrite what an operator may still need.
                    Files.move(file, target);
                    return target;
                } catch (FileAlreadyExistsException e) {
                    // Taken between the check and the move: try the next name.
                }
            }
            target = orphans.resolve(name + "." + attempt);
        }
    }
}
