package org.vidshare.server.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.PasswordHasher;

/**
 * The one place password hashes run (docs/security.md, Password hashing): a pool of its own threads
 * (about one per core) with a bounded queue, so a hash never takes a request thread's CPU share
 * without limit and a full queue is {@code too_many_requests} at once instead of a growing wait.
 * Per address, at most {@code maxInFlightPerAddress} hashes are queued or running, and at most
 * {@code maxRequestsPerMinute} hashed requests (successes included) start in any minute. Together
 * they bound what one address can put ahead of another's login in the queue, and its share of the
 * CPU, whatever it sends.
 */
public final class HashingPool implements AutoCloseable {
    private static final Duration RATE_WINDOW = Duration.ofMinutes(1);

    private final Pbkdf2PasswordHasher algorithm;
    private final ThreadPoolExecutor pool;
    private final int maxInFlightPerAddress;
    private final int maxRequestsPerMinute;
    private final Clock clock;
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> recentRequests = new ConcurrentHashMap<>();
    private volatile Instant nextSweep = Instant.MIN;

    public HashingPool(Pbkdf2PasswordHasher algorithm, int threads, int queue, int maxInFlightPerAddress,
                       int maxRequestsPerMinute, Clock clock) {
        this.algorithm = algorithm;
        this.maxInFlightPerAddress = maxInFlightPerAddress;
        this.maxRequestsPerMinute = maxRequestsPerMinute;
        this.clock = clock;
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                runnable -> {
                    Thread thread = new Thread(runnable, "vidshare-hash-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
    }

    /** One per core, as a default for {@code password.hash-threads} = 0. */
    public static int threadsFor(int configured) {
        return configured > 0 ? configured : Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The hasher one request sees: its hashes run here, charged to its address; the request counts once
     * against the per-minute limit however many hashes it needs (change_password two, a login's
     * re-hash one more).
     */
    public PasswordHasher forRequest(String address) {
        return new PasswordHasher() {
            private boolean charged;

            @Override
            public String hash(String md5Hex) throws CommandException {
                return run(() -> algorithm.hash(md5Hex));
            }

            @Override
            public boolean matches(String md5Hex, String stored) throws CommandException {
                return run(() -> algorithm.matches(md5Hex, stored));
            }

            @Override
            public boolean isOutdated(String stored) {
                return algorithm.isOutdated(stored);
            }

            private <T> T run(Callable<T> work) throws CommandException {
                boolean charge = !charged;
                T result = HashingPool.this.run(address, charge, work);
                charged = true;
                return result;
            }
        };
    }

    private <T> T run(String address, boolean charge, Callable<T> work) throws CommandException {
        reserve(address);
        try {
            if (charge) {
                charge(address);
            }
            Future<T> result;
            try {
                result = pool.submit(work);
            } catch (RejectedExecutionException e) {
                throw busy();
            }
            return await(result);
        } finally {
            release(address);
        }
    }

    private static <T> T await(Future<T> result) throws CommandException {
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new CommandException(ErrorCode.INTERNAL, "服务器正在停止", "The server is stopping");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void reserve(String address) throws CommandException {
        boolean[] refused = new boolean[1];
        inFlight.compute(address, (key, running) -> {
            int now = running == null ? 0 : running;
            if (now >= maxInFlightPerAddress) {
                refused[0] = true;
                return running;
            }
            return now + 1;
        });
        if (refused[0]) {
            throw fromThisAddress();
        }
    }

    private void release(String address) {
        inFlight.computeIfPresent(address, (key, running) -> running <= 1 ? null : running - 1);
    }

    /** Counts a hashed request (successes included) in the address's sliding minute. */
    private void charge(String address) throws CommandException {
        Instant now = clock.instant();
        sweepIfDue(now);
        boolean[] refused = new boolean[1];
        recentRequests.compute(address, (key, existing) -> {
            Deque<Instant> times = existing == null ? new ArrayDeque<>() : existing;
            prune(times, now);
            if (times.size() >= maxRequestsPerMinute) {
                refused[0] = true;
            } else {
                times.addLast(now);
            }
            return times.isEmpty() ? null : times;
        });
        if (refused[0]) {
            throw fromThisAddress();
        }
    }

    /** Forgets, at most once a minute, addresses with no request left in their window. */
    private void sweepIfDue(Instant now) {
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plus(RATE_WINDOW);
        for (String address : recentRequests.keySet()) {
            recentRequests.computeIfPresent(address, (key, times) -> {
                prune(times, now);
                return times.isEmpty() ? null : times;
            });
        }
    }

    private static void prune(Deque<Instant> times, Instant now) {
        Instant since = now.minus(RATE_WINDOW);
        while (!times.isEmpty() && !times.peekFirst().isAfter(since)) {
            times.removeFirst();
        }
    }

    private static CommandException busy() {
        return new CommandException(ErrorCode.TOO_MANY_REQUESTS,
                "服务器正忙于校验密码,请稍后再试", "The server is busy checking passwords; try again shortly");
    }

    private static CommandException fromThisAddress() {
        return new CommandException(ErrorCode.TOO_MANY_REQUESTS,
                "来自该地址的密码请求过多,请稍后再试", "Too many password requests from this address; try again later");
    }

    /** Addresses remembered now (for tests of the forgetting). */
    int remembered() {
        return inFlight.size() + recentRequests.size();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
