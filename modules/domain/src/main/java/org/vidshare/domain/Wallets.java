package org.vidshare.domain;

import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * Every change of a wallet: the balance moves and its ledger entry is written in the same
 * transaction, so a balance always equals the sum of its ledger. Callers pass a user row they hold
 * locked ({@link Users#lockedForUpdate}), which serializes all changes of one wallet.
 */
public final class Wallets {
    private Wallets() {
    }

    /** Adds money ({@code amountCents} > 0) with an entry of the given kind (recharge, grant...). */
    public static void credit(EntityManager em, User lockedUser, String kind, long amountCents, long now) {
        if (amountCents <= 0) {
            throw new IllegalArgumentException("a credit must be positive: " + amountCents);
        }
        lockedUser.setBalanceCents(Math.addExact(lockedUser.getBalanceCents(), amountCents));
        em.persist(new LedgerEntry(lockedUser.getId(), kind, amountCents, null, now));
    }

    /** Whether the wallet covers {@code priceCents}. */
    public static boolean covers(User user, long priceCents) {
        return user.getBalanceCents() >= priceCents;
    }

    /**
     * Takes {@code priceCents} (>= 0) with an entry of the given kind; a price of 0 moves nothing and
     * writes nothing. The caller has checked {@link #covers}: a balance never goes below 0.
     */
    public static void charge(EntityManager em, User lockedUser, String kind, long priceCents, Long movieId, long now) {
        if (priceCents < 0 || !covers(lockedUser, priceCents)) {
            throw new IllegalStateException("charge of " + priceCents + " not covered by " + lockedUser.getBalanceCents());
        }
        if (priceCents == 0) {
            return;
        }
        lockedUser.setBalanceCents(lockedUser.getBalanceCents() - priceCents);
        em.persist(new LedgerEntry(lockedUser.getId(), kind, -priceCents, movieId, now));
    }

    /** {@code limit} entries of a user's ledger, newest first, after skipping {@code offset}. */
    public static List<LedgerEntry> ledger(EntityManager em, long userId, int offset, int limit) {
        return em.createQuery("SELECT e FROM LedgerEntry e WHERE e.userId = :user ORDER BY e.time DESC, e.id DESC",
                        LedgerEntry.class)
                .setParameter("user", userId)
                .setFirstResult(offset).setMaxResults(limit)
                .getResultList();
    }

    /** How many entries a user's ledger has. */
    public static long ledgerSize(EntityManager em, long userId) {
        return em.createQuery("SELECT COUNT(e) FROM LedgerEntry e WHERE e.userId = :user", Long.class)
                .setParameter("user", userId)
                .getSingleResult();
    }
}
