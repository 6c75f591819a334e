package org.vidshare.server.security;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * failed in the last 15 minutes (a name's address count restarts only after 15 quiet minutes). A
 * check in flight that its node never ended (the node died) stops counting after
 * {@link #IN_FLIGHT_BOUND}. A row that remembers nothing is deleted by a purge once a minute, not
 * by the change that left it so.
 */
public final class DatabaseLoginGuard implements LoginGuard {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseLoginGuard.class);
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
    private interface RowWork {
        void run(LoginFailure row, long now) throws CommandException;
    }

    /** Whether a change on a name and address with no row yet needs one (it has something to remember). */
    private enum IfMissing { MAKE, SKIP }

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
        onRow(name, address, IfMissing.MAKE, (row, now) -> {
            refresh(row, now);
            if (row.getLockedUntil() != 0) {
                throw LoginRefusals.locked();
            }
            if (row.getFailures() + row.getInFlight() >= maxFailures) {
                throw LoginRefusals.busy();
            }
            row.setInFlight(row.getInFlight() + 1, now);
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
                update(name, address, IfMissing.MAKE, (row, now) -> {
                    release(row);
                    addFailure(row, now);
                });
            }
        }

        @Override
        public void succeeded() {
            if (ended.compareAndSet(false, true)) {
                update(name, address, IfMissing.SKIP, (row, now) -> {
                    release(row);
                    reset(row);
                });
            }
        }

        @Override
        public void close() {
            if (ended.compareAndSet(false, true)) {
                update(name, address, IfMissing.SKIP, (row, now) -> release(row));
            }
        }
    }

    @Override
    public void recordFailure(String name, String address) {
        update(name, address, IfMissing.MAKE, this::addFailure);
    }

    @Override
    public void recordSuccess(String name, String address) {
        update(name, address, IfMissing.SKIP, (row, now) -> reset(row));
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
     * Deletes, at most once a minute, the rows that remember nothing any rule needs: no lock, no
     * failures in their window, none for the per-address limit (which counts failures at or after 15
     * minutes ago), and no check begun within {@link #IN_FLIGHT_BOUND} (one begun earlier is a dead
     * node's). So every row lives at least that bound after it was made: see {@link #onRow}. Runs in
     * a transaction of its own, after the change that triggered it, never while that change holds a
     * row lock (the delete could wait on it). A purge that fails is logged, not passed on: the
     * change that triggered it is committed (a begun check must get its attempt), and the next
     * purge deletes the same rows.
     */
    private void purgeIfDue() {
        long now = clock.millis();
        long due = nextPurge.get();
        if (now < due || !nextPurge.compareAndSet(due, now + PURGE_EVERY.toMillis())) {
            return;
        }
        try {
            transactions.inTransaction(em -> em.createQuery(
                            "DELETE FROM LoginFailure f WHERE f.lockedUntil <= :now AND f.windowStart <= :windowOver"
                                    + " AND f.lastFailure < :addressOver AND f.inFlightSince < :inFlightOver")
                    .setParameter("now", now)
                    .setParameter("windowOver", now - lockMillis)
                    .setParameter("addressOver", now - ADDRESS_WINDOW.toMillis())
                    .setParameter("inFlightOver", now - IN_FLIGHT_BOUND.toMillis())
                    .executeUpdate());
        } catch (CommandException | RuntimeException e) {
            LOG.warn("the forgotten login failures could not be deleted (next try in {}): {}", PURGE_EVERY, e.toString());
        }
    }

    /** As {@link #onRow}, for the changes that cannot refuse (the interface gives them no exception). */
    private void update(String name, String address, IfMissing ifMissing, RowWork work) {
        unchecked(() -> {
            onRow(name, address, ifMissing, work);
            return null;
        });
    }

    /**
     * Runs {@code work} on the name's row for the address, locked, in one transaction; a missing row
     * is made first when the change has something to remember. One insert retry is enough: an insert
     * fails on the key only once another transaction's insert of the row has committed (H2 and
     * PostgreSQL wait for it to end), and only the purge deletes rows, none younger than its bound.
     * Deleting a row here once it remembered nothing (as this guard once did) let parallel logins
     * make and delete it again between one login's insert and its second read.
     */
    private void onRow(String name, String address, IfMissing ifMissing, RowWork work) throws CommandException {
        for (int attempt = 0; ; attempt++) {
            try {
                transactions.inTransaction(em -> {
                    long now = clock.millis();
                    LoginFailure row = lockedRow(em, name, address, ifMissing);
                    if (row != null) {
                        work.run(row, now);
                    }
                    return null;
                });
                break;
            } catch (RuntimeException e) {
                if (attempt > 0 || !UniqueKeys.violatedBy(e)) {
                    throw e;
                }
            }
        }
        purgeIfDue();
    }

    private static LoginFailure lockedRow(EntityManager em, String name, String address, IfMissing ifMissing) {
        LoginFailure row = em.find(LoginFailure.class, new LoginFailure.Key(name, address), LockModeType.PESSIMISTIC_WRITE);
        if (row == null && ifMissing == IfMissing.MAKE) {
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
