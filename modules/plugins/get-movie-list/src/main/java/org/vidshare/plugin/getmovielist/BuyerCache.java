package org.vidshare.plugin.getmovielist;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.Transactions;
import org.vidshare.domain.Purchase;
import org.vidshare.domain.User;
import org.vidshare.domain.Users;

/**
 * What the price a caller sees depends on, per account: admin, VIP, and the movies bought. Kept
 * under the same two rules as {@link MovieListCache}: dropped as soon as a transaction of this
 * server writes any user or purchase (a purchase or a VIP upgrade here shows in the next list), and
 * after a second for what other servers write.
 */
final class BuyerCache {
    /** Accounts kept at most: past that the map starts again (a few bytes each, plus their purchases). */
    private static final int MAX_ACCOUNTS = 10_000;

    record Buyer(boolean admin, boolean vip, Set<Long> bought, long version, long readNanos) {
    }

    private final Map<Long, Buyer> byUser = new ConcurrentHashMap<>();

    Buyer of(long userId, Transactions transactions) throws CommandException {
        Buyer buyer = byUser.get(userId);
        if (buyer != null && System.nanoTime() - buyer.readNanos() < MovieListCache.MAX_AGE_NANOS
                && buyer.version() == version(transactions)) {
            return buyer;
        }
        transactions.mayWait();
        buyer = read(userId, transactions);
        if (byUser.size() >= MAX_ACCOUNTS) {
            byUser.clear();
        }
        byUser.put(userId, buyer);
        return buyer;
    }

    /** Both counters only grow, so their sum moves whenever either does. */
    private static long version(Transactions transactions) {
        return transactions.writeVersion(User.class) + transactions.writeVersion(Purchase.class);
    }

    private static Buyer read(long userId, Transactions transactions) throws CommandException {
        long version = version(transactions);
        long readNanos = System.nanoTime();
        return transactions.inTransaction(em -> {
            User user = Users.byId(em, userId).orElseThrow(() -> CommandException.of(ErrorCode.NOT_LOGGED_IN));
            Set<Long> bought = user.isAdmin() ? Set.of() : Set.copyOf(em.createQuery(
                            "SELECT p.movieId FROM Purchase p WHERE p.userId = :user", Long.class)
                    .setParameter("user", userId)
                    .getResultList());
            return new Buyer(user.isAdmin(), user.isVip(), bought, version, readNanos);
        });
    }
}
