package org.vidshare.server.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.LoginGuard;

/**
 * The failure limits of PROTOCOL.md section 4, kept in memory: a name locks after
 * {@code maxFailures} failures within the lock window; an address with more than
 * {@code maxPerAddress} failures in the last 15 minutes is refused until older ones leave.
 */
public final class InMemoryLoginGuard implements LoginGuard {
    private static final Duration ADDRESS_WINDOW = Duration.ofMinutes(15);

    private final Clock clock;
    private final int maxFailures;
    private final Duration lockTime;
    private final int maxPerAddress;
    private final Map<String, Deque<Instant>> byName = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> byAddress = new ConcurrentHashMap<>();

    public InMemoryLoginGuard(Clock clock, int maxFailures, Duration lockTime, int maxPerAddress) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockTime = lockTime;
        this.maxPerAddress = maxPerAddress;
    }

    @Override
    public void checkAddress(String address) throws CommandException {
        if (recent(byAddress, address, ADDRESS_WINDOW) > maxPerAddress) {
            throw new CommandException(ErrorCode.TOO_MANY_REQUESTS,
                    "登录失败次数过多,请稍后再试", "Too many failed logins from this address; try again later");
        }
    }

    @Override
    public void checkName(String name) throws CommandException {
        if (recent(byName, name, lockTime) >= maxFailures) {
            throw new CommandException(ErrorCode.LOCKED,
                    "登录失败次数过多,账户已暂时锁定", "Too many failed logins; the account is locked for a while");
        }
    }

    @Override
    public void recordFailure(String name, String address) {
        add(byName, name);
        add(byAddress, address);
    }

    @Override
    public void recordSuccess(String name) {
        byName.remove(name);
    }

    @Override
    public void clear(String name) {
        byName.remove(name);
    }

    private void add(Map<String, Deque<Instant>> map, String key) {
        Deque<Instant> times = map.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(clock.instant());
        }
    }

    private int recent(Map<String, Deque<Instant>> map, String key, Duration window) {
        Deque<Instant> times = map.get(key);
        if (times == null) {
            return 0;
        }
        Instant since = clock.instant().minus(window);
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst().isBefore(since)) {
                times.removeFirst();
            }
            return times.size();
        }
    }
}
