package org.vidshare.server.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.LoginGuard;

/**
 * The failure limits of PROTOCOL.md section 4, kept in memory: {@code maxFailures} failures of a
 * name within the lock time lock it for the whole lock time, counted from the failure that locked
 * it; an address with more than {@code maxPerAddress} failures in the last 15 minutes is refused
 * until older ones leave that window. Entries with nothing left to remember are dropped, so names
 * that fail once and never come back do not pile up.
 */
public final class InMemoryLoginGuard implements LoginGuard {
    private static final Duration ADDRESS_WINDOW = Duration.ofMinutes(15);
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    /** Failures of one name; only touched inside its map's compute, so no own locking. */
    private static final class NameFailures {
        final Deque<Instant> times = new ArrayDeque<>();
        Instant lockedUntil;
    }

    private final Clock clock;
    private final int maxFailures;
    private final Duration lockTime;
    private final int maxPerAddress;
    private final Map<String, NameFailures> byName = new ConcurrentHashMap<>();
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
            throw new CommandException(ErrorCode.TOO_MANY_REQUESTS,
                    "登录失败次数过多,请稍后再试", "Too many failed logins from this address; try again later");
        }
    }

    @Override
    public void checkName(String name) throws CommandException {
        Instant now = clock.instant();
        boolean[] locked = new boolean[1];
        byName.computeIfPresent(name, (key, failures) -> {
            refresh(failures, now);
            locked[0] = failures.lockedUntil != null;
            return failures.lockedUntil == null && failures.times.isEmpty() ? null : failures;
        });
        if (locked[0]) {
            throw new CommandException(ErrorCode.LOCKED,
                    "登录失败次数过多,账户已暂时锁定", "Too many failed logins; the account is locked for a while");
        }
    }

    @Override
    public void recordFailure(String name, String address) {
        Instant now = clock.instant();
        sweepIfDue(now);
        byName.compute(name, (key, existing) -> {
            NameFailures failures = existing == null ? new NameFailures() : existing;
            refresh(failures, now);
            failures.times.addLast(now);
            if (failures.lockedUntil == null && failures.times.size() >= maxFailures) {
                failures.lockedUntil = now.plus(lockTime);
            }
            return failures;
        });
        byAddress.compute(address, (key, existing) -> {
            Deque<Instant> times = existing == null ? new ArrayDeque<>() : existing;
            prune(times, now.minus(ADDRESS_WINDOW));
            times.addLast(now);
            return times;
        });
    }

    @Override
    public void recordSuccess(String name) {
        byName.remove(name);
    }

    @Override
    public void clear(String name) {
        byName.remove(name);
    }

    /** Number of names and addresses remembered now (for tests of the forgetting). */
    int remembered() {
        return byName.size() + byAddress.size();
    }

    /** Drops, at most once a minute, every entry whose failures have all left their window. */
    private void sweepIfDue(Instant now) {
        Instant due = nextSweep.get();
        if (now.isBefore(due) || !nextSweep.compareAndSet(due, now.plus(SWEEP_EVERY))) {
            return;
        }
        for (String name : byName.keySet()) {
            byName.computeIfPresent(name, (key, failures) -> {
                refresh(failures, now);
                return failures.lockedUntil == null && failures.times.isEmpty() ? null : failures;
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
