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

/**
 * The partial files of unfinished uploads, one per (admin, fingerprint, size): the one naming and
 * expiry rule that {@code check_movie} (which reports the resume offset) and {@code upload_movie}
 * (which writes them) must agree on. Expiry goes by last write, so a partial being written never expires.
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

    /** The bytes held for this partial, 0 when there is none or it expired (an expired one is deleted). */
    public static long heldBytes(Path partial, Duration ttl, Instant now) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(partial, BasicFileAttributes.class);
            if (isExpired(attributes, ttl, now)) {
                Files.deleteIfExists(partial);
                return 0;
            }
            return attributes.size();
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes every partial whose last write is older than {@code ttl}; returns how many. */
    public static int sweepExpired(Path partialsDir, Duration ttl, Instant now) {
        int deleted = 0;
        try (DirectoryStream<Path> partials = Files.newDirectoryStream(partialsDir, "*" + SUFFIX)) {
            for (Path partial : partials) {
                try {
                    if (isExpired(Files.readAttributes(partial, BasicFileAttributes.class), ttl, now)
                            && Files.deleteIfExists(partial)) {
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

    private static boolean isExpired(BasicFileAttributes attributes, Duration ttl, Instant now) {
        return attributes.lastModifiedTime().toInstant().plus(ttl).isBefore(now);
    }
}
