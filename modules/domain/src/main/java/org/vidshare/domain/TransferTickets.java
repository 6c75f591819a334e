package org.vidshare.domain;

import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The rules of transfer tickets (docs/protocol.md, transfer_ticket) in one place: issued by one
 * session, used once on any node, dead after their time, with their session or with their account.
 */
public final class TransferTickets {
    /** 256 random bits: far past guessing, and the hash of one names it uniquely. */
    private static final int TICKET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TransferTickets() {
    }

    /** A new random ticket as the client sees it (hex). */
    public static String newTicket() {
        byte[] bytes = new byte[TICKET_BYTES];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** What the database stores for a ticket: its SHA-256, hex. */
    public static String hashOf(String ticket) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(ticket.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Tickets of the session that can still be used. */
    public static long liveCount(EntityManager em, String sessionId, long now) {
        return em.createQuery("SELECT COUNT(t) FROM TransferTicket t WHERE t.sessionId = :session AND t.expireTime > :now",
                        Long.class)
                .setParameter("session", sessionId)
                .setParameter("now", now)
                .getSingleResult();
    }

    /**
     * Uses the ticket up: the row is deleted in the caller's transaction, and only the transaction
     * whose delete removed it gets the account (two parallel uses: the second delete finds no row).
     * Expired tickets are deleted too and give nothing.
     */
    public static Optional<Long> redeem(EntityManager em, String ticket, long now) {
        String hash = hashOf(ticket);
        TransferTicket found = em.find(TransferTicket.class, hash);
        if (found == null) {
            return Optional.empty();
        }
        long userId = found.getUserId();
        boolean live = found.getExpireTime() > now;
        em.detach(found);
        int deleted = em.createQuery("DELETE FROM TransferTicket t WHERE t.ticketHash = :hash")
                .setParameter("hash", hash)
                .executeUpdate();
        return deleted == 1 && live ? Optional.of(userId) : Optional.empty();
    }

    /** The session ended: its tickets die with it. */
    public static int endSession(EntityManager em, String sessionId) {
        return em.createQuery("DELETE FROM TransferTicket t WHERE t.sessionId = :session")
                .setParameter("session", sessionId)
                .executeUpdate();
    }

    /** The account was locked: every ticket of it dies, whichever node issued it. */
    public static int endAccount(EntityManager em, long userId) {
        return em.createQuery("DELETE FROM TransferTicket t WHERE t.userId = :user")
                .setParameter("user", userId)
                .executeUpdate();
    }

    /** Rows of tickets past their time (no longer usable anyway) are removed as new ones are issued. */
    public static int purgeExpired(EntityManager em, long now) {
        return em.createQuery("DELETE FROM TransferTicket t WHERE t.expireTime <= :now")
                .setParameter("now", now)
                .executeUpdate();
    }
}
