package org.vidshare.domain;

import jakarta.persistence.EntityManager;
import java.util.Optional;

/** Movie lookups that several features share (check, upload, list, delete, download). */
public final class MovieCatalog {
    private MovieCatalog() {
    }

    /** The published, non-deleted movie with this fingerprint: it blocks another upload of the same content. */
    public static Optional<Movie> activeByFingerprint(EntityManager em, String fingerprint) {
        return em.createQuery("SELECT m FROM Movie m WHERE m.fileMd5 = :md5 AND m.deleted = :deleted ORDER BY m.id",
                        Movie.class)
                .setParameter("md5", fingerprint)
                // A parameter, not a literal: EclipseLink prints literal booleans as 0/1, which H2 2.x rejects.
                .setParameter("deleted", false)
                .setMaxResults(1)
                .getResultStream().findFirst();
    }
}
