package org.vidshare.domain;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.spi.CommandException;

/** The user lookups several features share. */
public final class Users {
    private Users() {
    }

    public static Optional<User> byName(EntityManager em, String name) {
        return em.createQuery("SELECT u FROM User u WHERE u.name = :name", User.class)
                .setParameter("name", name)
                .getResultStream().findFirst();
    }

    public static Optional<User> byId(EntityManager em, long id) {
        return Optional.ofNullable(em.find(User.class, id));
    }

    /** The user row locked for update: serializes every change of one wallet. */
    public static Optional<User> lockedForUpdate(EntityManager em, long id) {
        return Optional.ofNullable(em.find(User.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /**
     * The user an admin command names ({@code user_id}), locked for update as
     * {@link #lockedForUpdate}, or {@code not_found}: the one answer to "no such user".
     */
    public static User requireLocked(EntityManager em, long id) throws CommandException {
        return lockedForUpdate(em, id)
                .orElseThrow(() -> new CommandException(ErrorCode.NOT_FOUND, "用户不存在", "No such user"));
    }

    public static long adminCount(EntityManager em) {
        return em.createQuery("SELECT COUNT(u) FROM User u WHERE u.userType = :type", Long.class)
                .setParameter("type", User.TYPE_ADMIN)
                .getSingleResult();
    }

    /** Creates an account, with an {@code initial} ledger entry when it starts with money. */
    public static User create(EntityManager em, String name, String passwordHash, String userType, long now,
                              long initialBalanceCents) {
        User user = new User(name, passwordHash, userType, now);
        em.persist(user);
        if (initialBalanceCents > 0 && !User.TYPE_ADMIN.equals(userType)) {
            user.setBalanceCents(initialBalanceCents);
            em.flush();
            em.persist(new LedgerEntry(user.getId(), LedgerEntry.INITIAL, initialBalanceCents, null, now));
        }
        return user;
    }
}
