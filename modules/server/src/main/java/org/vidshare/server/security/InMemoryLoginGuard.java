package org.vidshare.server.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.LoginGuard;

/**
 * The failure limits of docs/protocol.md (Sessions and roles), kept in memory: {@code maxFailures} failures of a
 * name from one address within the lock time lock that name for that address only, for the whole lock
 * time, counted from the failure that locked it (so a locked-out attacker cannot lock the real user
 * out on another address); an address with more than {@code maxPerAddress} failures in the last 15 minutes is refused
 * until older ones leave that window. Password checks in flight count against a name's remaining
 * failures on their address, so parallel guessing cannot outrun the lock. Entries with nothing left to remember are
 * dropped, so names that fail once and never come back do not pile up.
 */
public final class InMemoryLoginGuard implements LoginGuard {
    private static final Duration ADDRESS_WINDOW = Duration.ofMinutes(15);
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    /** Failures of one name; only touched inside its map's compute, so no own locking. */
    private static final class NameFailures {
        final Deque<Instant> times = new ArrayDeque<>();
        Instant lockedUntil;
        int inFlight;

        boolean forgettable() {
            return lockedUntil == null && times.isEmpty() && inFlight == 0;
        }
    }

    private enum Verdict { GO, LOCKED, BUSY }

    /** The unit of the failure lock: a name as tried from one address. */
    private record NameAt(String name, String address) {
    }

    private final Clock clock;
    private final int maxFailures;
    private final Duration lockTime;
    private final int maxPerAddress;
    private final Map<NameAt, NameFailures> byName = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> byAddress = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> nextSweep = new AtomicReference<>(Instant.MIN);

    public InMemoryLoginGuard(Clock clock, int maxFailures, Duration lockTime, int maxPerAddress) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockTime = lockTime;
        this.maxPerAddress = maxPerAddress;
    }

    @Override
    public void checkAddress(String address) throws CommandException {
        Instant now = clock.instant();
        int[] recent = new int[1];
        byAddress.computeIfPresent(address, (key, times) -> {
            prune(times, now.minus(ADDRESS_WINDOW));
            recent[0] = times.size();
            return times.isEmpty() ? null : times;
        });
        if (recent[0] > maxPerAddress) {
            throw LoginRefusals.addressLimited();
        }
    }

    @Override
    public void checkName(String name, String address) throws CommandException {
        Instant now = clock.instant();
        boolean[] locked = new boolean[1];
        byName.computeIfPresent(new NameAt(name, address), (key, failures) -> {
            refresh(failures, now);
            locked[0] = failures.lockedUntil != null;
            return failures.forgettable() ? null : failures;
        });
        if (locked[0]) {
            throw LoginRefusals.locked();
        }
    }

    @Override
    public Attempt begin(String name, String address) throws CommandException {
        NameAt key = new NameAt(name, address);
        Instant now = clock.instant();
        Verdict[] verdict = new Verdict[1];
        byName.compute(key, (k, existing) -> {
            NameFailures failures = existing == null ? new NameFailures() : existing;
            refresh(failures, now);
            if (failures.lockedUntil != null) {
                verdict[0] = Verdict.LOCKED;
            } else if (failures.times.size() + failures.inFlight >= maxFailures) {
                verdict[0] = Verdict.BUSY;
            } else {
                verdict[0] = Verdict.GO;
                failures.inFlight++;
            }
            return failures.forgettable() ? null : failures;
        });
        if (verdict[0] == Verdict.LOCKED) {
            throw LoginRefusals.locked();
        }
        if (verdict[0] == Verdict.BUSY) {
            throw LoginRefusals.busy();
        }
        return new NameAttempt(key);
    }

    /** A reservation of one of a name's remaining failures on one address; released exactly once. */
    private final class NameAttempt implements Attempt {
        private final NameAt nameAt;
        private final AtomicBoolean ended = new AtomicBoolean();

        NameAttempt(NameAt nameAt) {
            this.nameAt = nameAt;
        }

        @Override
        public void failed() {
            if (ended.compareAndSet(false, true)) {
                Instant now = clock.instant();
                sweepIfDue(now);
                byName.compute(nameAt, (key, existing) -> {
                    NameFailures failures = existing == null ? new NameFailures() : existing;
                    release(failures);
                    addFailure(failures, now);
                    return failures;
                });
                addAddressFailure(nameAt.address(), now);
            }
        }

        @Override
        public void succeeded() {
            if (ended.compareAndSet(false, true)) {
                byName.computeIfPresent(nameAt, (key, failures) -> {
                    release(failures);
                    reset(failures);
                    return failures.forgettable() ? null : failures;
                });
            }
        }

        @Override
        public void close() {
            if (ended.compareAndSet(false, true)) {
                byName.computeIfPresent(nameAt, (key, failures) -> {
                    release(failures);
                    return failures.forgettable() ? null : failures;
                });
            }
        }
    }

    @Override
    public void recordFailure(String name, String address) {
        Instant now = clock.instant();
        sweepIfDue(now);
        byName.compute(new NameAt(name, address), (key, existing) -> {
            NameFailures failures = existing == null ? new NameFailures() : existing;
            addFailure(failures, now);
            return failures;
        });
        addAddressFailure(address, now);
    }

    @Override
    public void recordSuccess(String name, String address) {
        byName.computeIfPresent(new NameAt(name, address), (key, failures) -> {
            reset(failures);
            return failures.forgettable() ? null : failures;
        });
    }

    @Override
    public void clear(String name) {
        // Rare (an admin's unlock_user): a walk over the remembered pairs is fine.
        for (NameAt key : byName.keySet()) {
            if (key.name().equals(name)) {
                recordSuccess(name, key.address());
            }
        }
    }

    /** Number of names and addresses remembered now (for tests of the forgetting). */
    int remembered() {
        return byName.size() + byAddress.size();
    }

    private void addFailure(NameFailures failures, Instant now) {
        refresh(failures, now);
        failures.times.addLast(now);
        if (failures.lockedUntil == null && failures.times.size() >= maxFailures) {
            failures.lockedUntil = now.plus(lockTime);
        }
    }

    private void addAddressFailure(String address, Instant now) {
        byAddress.compute(address, (key, existing) -> {
            Deque<Instant> times = existing == null ? new ArrayDeque<>() : existing;
            prune(times, now.minus(ADDRESS_WINDOW));
            times.addLast(now);
            return times;
        });
    }

    private static void release(NameFailures failures) {
        failures.inFlight = Math.max(0, failures.inFlight - 1);
    }

    private static void reset(NameFailures failures) {
        failures.times.clear();
        failures.lockedUntil = null;
    }

    /** Drops, at most once a minute, every entry whose failures have all left their window. */
    private void sweepIfDue(Instant now) {
        Instant due = nextSweep.get();
        if (now.isBefore(due) || !nextSweep.compareAndSet(due, now.plus(SWEEP_EVERY))) {
            return;
        }
        for (NameAt key : byName.keySet()) {
            byName.computeIfPresent(key, (k, failures) -> {
                refresh(failures, now);
                return failures.forgettable() ? null : failures;
            });
        }
        for (String address : byAddress.keySet()) {
            byAddress.computeIfPresent(address, (key, times) -> {
                prune(times, now.minus(ADDRESS_WINDOW));
                return times.isEmpty() ? null : times;
            });
        }
    }

    /** Ends an expired lock (a fresh start: its failures are spent) and forgets failures out of the window. */
    private void refresh(NameFailures failures, Instant now) {
        if (failures.lockedUntil != null && !now.isBefore(failures.lockedUntil)) {
            failures.lockedUntil = null;
            failures.times.clear();
        }
        prune(failures.times, now.minus(lockTime));
    }

    private static void prune(Deque<Instant> times, Instant since) {
        while (!times.isEmpty() && times.peekFirst().isBefore(since)) {
            times.removeFirst();
        }
    }
}
