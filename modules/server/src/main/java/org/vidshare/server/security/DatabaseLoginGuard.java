package org.vidshare.server.security;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.LoginGuard;
import org.vidshare.core.spi.Transactions;
import org.vidshare.domain.LoginFailure;
import org.vidshare.domain.UniqueKeys;

/**
 * The failure limits of docs/protocol.md (Sessions and roles, Lockout scope) kept in the database
 * ({@link LoginFailure}, one row per name and address), so that every node on one database counts
 * the same failures and a lock set through one node holds on all of them. Each change is one
 * transaction on the row, locked ({@code SELECT ... FOR UPDATE}), so parallel checks on several
 * nodes cannot outrun the lock. Differences from {@link InMemoryLoginGuard}, both on the strict side:
 * a name's failures are counted in a fixed window of the lock time from its first failure (not a
 * sliding one), and the per-address limit adds up the address counts of the address's names that
 * failed in the last 15 minutes (a name's address count restarts only after 15 quiet minutes). A check in flight that its node never ended (the node died) stops counting
 * after {@link #IN_FLIGHT_BOUND}.
 */
public final class DatabaseLoginGuard implements LoginGuard {
    private static final Duration ADDRESS_WINDOW = Duration.ofMinutes(15);
    /** Far above a password check's time (the hashing queue bounds its wait), far below the lock time. */
    static final Duration IN_FLIGHT_BOUND = Duration.ofMinutes(2);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private final Transactions transactions;
    private final Clock clock;
    private final int maxFailures;
    private final long lockMillis;
    private final int maxPerAddress;
    private final AtomicLong nextPurge = new AtomicLong(Long.MIN_VALUE);

    public DatabaseLoginGuard(Transactions transactions, Clock clock, int maxFailures, Duration lockTime,
                              int maxPerAddress) {
        this.transactions = transactions;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockMillis = lockTime.toMillis();
        this.maxPerAddress = maxPerAddress;
    }

    /** A change of one row; may refuse by throwing. */
    private interface RowWork<T> {
        T run(LoginFailure row, long now) throws CommandException;
    }

    @Override
    public void checkAddress(String address) throws CommandException {
        long now = clock.millis();
        Long recent = transactions.inTransaction(em -> em.createQuery(
                        "SELECT SUM(f.addressFailures) FROM LoginFailure f WHERE f.address = :address AND f.lastFailure >= :since",
                        Long.class)
                .setParameter("address", address)
                .setParameter("since", now - ADDRESS_WINDOW.toMillis())
                .getSingleResult());
        if (recent != null && recent > maxPerAddress) {
            throw LoginRefusals.addressLimited();
        }
    }

    @Override
    public void checkName(String name, String address) throws CommandException {
        long now = clock.millis();
        boolean locked = transactions.inTransaction(em -> {
            LoginFailure row = em.find(LoginFailure.class, new LoginFailure.Key(name, address));
            return row != null && row.getLockedUntil() > now;
        });
        if (locked) {
            throw LoginRefusals.locked();
        }
    }

    @Override
    public Attempt begin(String name, String address) throws CommandException {
        onRow(name, address, (row, now) -> {
            refresh(row, now);
            if (row.getLockedUntil() != 0) {
                throw LoginRefusals.locked();
            }
            if (row.getFailures() + row.getInFlight() >= maxFailures) {
                throw LoginRefusals.busy();
            }
            row.setInFlight(row.getInFlight() + 1, now);
            return null;
        });
        return new RowAttempt(name, address);
    }

    /** One reservation of a name's remaining failures on one address; ended exactly once. */
    private final class RowAttempt implements Attempt {
        private final String name;
        private final String address;
        private final AtomicBoolean ended = new AtomicBoolean();

        RowAttempt(String name, String address) {
            this.name = name;
            this.address = address;
        }

        @Override
        public void failed() {
            if (ended.compareAndSet(false, true)) {
                update(name, address, (row, now) -> {
                    release(row);
                    addFailure(row, now);
                    return null;
                });
            }
        }

        @Override
        public void succeeded() {
            if (ended.compareAndSet(false, true)) {
                update(name, address, (row, now) -> {
                    release(row);
                    reset(row);
                    return null;
                });
            }
        }

        @Override
        public void close() {
            if (ended.compareAndSet(false, true)) {
                update(name, address, (row, now) -> {
                    release(row);
                    return null;
                });
            }
        }
    }

    @Override
    public void recordFailure(String name, String address) {
        update(name, address, (row, now) -> {
            addFailure(row, now);
            return null;
        });
    }

    @Override
    public void recordSuccess(String name, String address) {
        update(name, address, (row, now) -> {
            reset(row);
            return null;
        });
    }

    @Override
    public void clear(String name) {
        unchecked(() -> transactions.inTransaction(em -> em.createQuery(
                        "UPDATE LoginFailure f SET f.failures = 0, f.lockedUntil = 0 WHERE f.loginName = :name")
                .setParameter("name", name)
                .executeUpdate()));
    }

    /** How many rows the table holds (for tests of the forgetting). */
    long remembered() throws CommandException {
        return transactions.inTransaction(em -> em.createQuery("SELECT COUNT(f) FROM LoginFailure f", Long.class)
                .getSingleResult());
    }

    private void addFailure(LoginFailure row, long now) {
        refresh(row, now);
        long windowStart = row.getFailures() == 0 ? now : row.getWindowStart();
        boolean addressQuiet = now - row.getLastFailure() > ADDRESS_WINDOW.toMillis();
        row.setAddressFailures(addressQuiet ? 1 : row.getAddressFailures() + 1);
        row.setFailures(row.getFailures() + 1, windowStart, now);
        if (row.getLockedUntil() == 0 && row.getFailures() >= maxFailures) {
            row.setLockedUntil(now + lockMillis);
        }
        purgeIfDue(now);
    }

    private static void release(LoginFailure row) {
        row.setInFlight(Math.max(0, row.getInFlight() - 1), row.getInFlightSince());
    }

    private static void reset(LoginFailure row) {
        row.setFailures(0, 0, row.getLastFailure());
        row.setLockedUntil(0);
    }

    /**
     * Ends an expired lock (a fresh start: its failures are spent), a window past the lock time, and
     * reservations of checks that no node ended within the bound.
     */
    private void refresh(LoginFailure row, long now) {
        if (row.getLockedUntil() != 0 && now >= row.getLockedUntil()) {
            row.setLockedUntil(0);
            row.setFailures(0, 0, row.getLastFailure());
        }
        if (row.getLockedUntil() == 0 && row.getFailures() > 0 && now - row.getWindowStart() >= lockMillis) {
            row.setFailures(0, 0, row.getLastFailure());
        }
        if (row.getInFlight() > 0 && now - row.getInFlightSince() > IN_FLIGHT_BOUND.toMillis()) {
            row.setInFlight(0, 0);
        }
    }

    /**
     * A row that remembers nothing any rule needs: no failures in its window, no lock, no check
     * running, and none for the per-address limit (which counts failures at or after 15 minutes ago).
     */
    private boolean forgettable(LoginFailure row, long now) {
        return row.getFailures() == 0 && row.getLockedUntil() == 0 && row.getInFlight() == 0
                && row.getLastFailure() < now - ADDRESS_WINDOW.toMillis();
    }

    /**
     * Deletes, at most once a minute, the rows whose failures, lock and checks are all over; the
     * same rule as {@link #refresh} and {@link #forgettable}, in one statement.
     */
    private void purgeIfDue(long now) {
        long due = nextPurge.get();
        if (now < due || !nextPurge.compareAndSet(due, now + PURGE_EVERY.toMillis())) {
            return;
        }
        unchecked(() -> transactions.inTransaction(em -> em.createQuery(
                        "DELETE FROM LoginFailure f WHERE f.lockedUntil <= :now AND f.windowStart <= :windowOver"
                                + " AND f.lastFailure < :addressOver AND (f.inFlight = 0 OR f.inFlightSince < :inFlightOver)")
                .setParameter("now", now)
                .setParameter("windowOver", now - lockMillis)
                .setParameter("addressOver", now - ADDRESS_WINDOW.toMillis())
                .setParameter("inFlightOver", now - IN_FLIGHT_BOUND.toMillis())
                .executeUpdate()));
    }

    /** As {@link #onRow}, for the changes that cannot refuse (the interface gives them no exception). */
    private void update(String name, String address, RowWork<Void> work) {
        unchecked(() -> onRow(name, address, work));
    }

    /**
     * Runs {@code work} on the name's row for the address, locked, in one transaction; a missing row
     * is made first, and one that a row made by another node at the same moment beat is read again.
     * A row left with nothing to remember is deleted.
     */
    private <T> T onRow(String name, String address, RowWork<T> work) throws CommandException {
        for (int attempt = 0; ; attempt++) {
            try {
                return transactions.inTransaction(em -> {
                    long now = clock.millis();
                    LoginFailure row = lockedRow(em, name, address);
                    T result = work.run(row, now);
                    if (forgettable(row, now)) {
                        em.remove(row);
                    }
                    return result;
                });
            } catch (RuntimeException e) {
                if (attempt > 0 || !UniqueKeys.violatedBy(e)) {
                    throw e;
                }
            }
        }
    }

    private static LoginFailure lockedRow(EntityManager em, String name, String address) {
        LoginFailure row = em.find(LoginFailure.class, new LoginFailure.Key(name, address), LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            row = new LoginFailure(name, address);
            em.persist(row);
            // Now, not at commit: a row another node made meanwhile fails here, and the caller reads it again.
            em.flush();
        }
        return row;
    }

    private interface DatabaseWork {
        Object run() throws CommandException;
    }

    /** For the steps the interface declares without an exception: a database failure is the server's error. */
    private static void unchecked(DatabaseWork work) {
        try {
            work.run();
        } catch (CommandException e) {
            throw new IllegalStateException("the login failure table could not be updated: " + e.getMessage(), e);
        }
    }
}
