package org.vidshare.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.PartialLeases;

/**
 * The partial files of unfinished uploads, one per (admin, fingerprint, size): the one naming and
 * expiry rule that {@code check_movie} (which reports the resume offset) and {@code upload_movie}
 * (which writes them) must agree on. Expiry goes by last write; an expired partial is deleted only
 * under its lease ({@link PartialLeases}), so that a partial another node is writing is never
 * deleted, even when the shared storage's clock (which sets the last write) is not the nodes'.
 */
public final class UploadPartials {
    private static final String SUFFIX = ".part";

    private UploadPartials() {
    }

    /**
     * The partial of an admin's upload. {@code fingerprint} must already be validated hex, so the
     * name cannot leave {@code partialsDir}.
     */
    public static Path pathOf(Path partialsDir, long uploaderId, String fingerprint, long fileSize) {
        return partialsDir.resolve(uploaderId + "-" + fingerprint + "-" + fileSize + SUFFIX);
    }

    /**
     * The bytes held for this partial, 0 when there is none or it expired (an expired one is deleted,
     * unless its lease is live: then it is being written and counts).
     */
    public static long heldBytes(Path partial, Duration ttl, Instant now, PartialLeases leases) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(partial, BasicFileAttributes.class);
            if (isExpired(attributes, ttl, now) && deleteUnlessLeased(partial, ttl, now, leases)) {
                return 0;
            }
            return attributes.size();
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes every partial whose last write is older than {@code ttl} and whose lease is not live
     * (on any node); returns how many. Several nodes may sweep at once: each partial is deleted under
     * its lease, by one of them.
     */
    public static int sweepExpired(Path partialsDir, Duration ttl, Instant now, PartialLeases leases) {
        int deleted = 0;
        try (DirectoryStream<Path> partials = Files.newDirectoryStream(partialsDir, "*" + SUFFIX)) {
            for (Path partial : partials) {
                try {
                    if (isExpired(Files.readAttributes(partial, BasicFileAttributes.class), ttl, now)
                            && deleteUnlessLeased(partial, ttl, now, leases)) {
                        deleted++;
                    }
                } catch (NoSuchFileException raced) {
                    // Another request swept or finished it meanwhile: nothing left to do.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return deleted;
    }

    /**
     * Deletes an expired partial while holding its lease, with its row; false when another upload holds
     * a live lease on it, or it was written again between the first look and the lease.
     */
    private static boolean deleteUnlessLeased(Path partial, Duration ttl, Instant now, PartialLeases leases)
            throws IOException {
        try (PartialLeases.Lease lease = leases.acquire(partial)) {
            boolean expired;
            try {
                expired = isExpired(Files.readAttributes(partial, BasicFileAttributes.class), ttl, now);
            } catch (NoSuchFileException gone) {
                lease.forget();
                return false;
            }
            if (!expired) {
                return false;
            }
            boolean deleted = Files.deleteIfExists(partial);
            lease.forget();
            return deleted;
        } catch (CommandException leased) {
            return false;
        }
    }

    private static boolean isExpired(BasicFileAttributes attributes, Duration ttl, Instant now) {
        return attributes.lastModifiedTime().toInstant().plus(ttl).isBefore(now);
    }
}
