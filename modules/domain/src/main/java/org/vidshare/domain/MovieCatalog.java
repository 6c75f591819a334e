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

    /**
     * The movie as this user may reach it (download, poster): a published one, or a deleted one that
     * the user bought or downloaded before its deletion; empty otherwise.
     */
    public static Optional<Movie> reachableBy(EntityManager em, long userId, long movieId) {
        Movie movie = em.find(Movie.class, movieId);
        if (movie == null || (movie.isDeleted() && !hadBeforeDeletion(em, userId, movie))) {
            return Optional.empty();
        }
        return Optional.of(movie);
    }

    /** A deleted movie stays available to whoever bought or downloaded it before the deletion. */
    private static boolean hadBeforeDeletion(EntityManager em, long userId, Movie movie) {
        long purchases = em.createQuery("SELECT COUNT(p) FROM Purchase p WHERE p.userId = :user"
                        + " AND p.movieId = :movie AND p.purchaseTime <= :deleted", Long.class)
                .setParameter("user", userId).setParameter("movie", movie.getId())
                .setParameter("deleted", movie.getDeleteTime())
                .getSingleResult();
        if (purchases > 0) {
            return true;
        }
        return em.createQuery("SELECT COUNT(r) FROM DownloadRecord r WHERE r.userId = :user"
                        + " AND r.movieId = :movie AND r.downloadTime <= :deleted", Long.class)
                .setParameter("user", userId).setParameter("movie", movie.getId())
                .setParameter("deleted", movie.getDeleteTime())
                .getSingleResult() > 0;
    }
}
