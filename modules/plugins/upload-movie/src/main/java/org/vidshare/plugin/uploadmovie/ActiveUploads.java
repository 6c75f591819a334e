package org.vidshare.plugin.uploadmovie;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** How many uploads each account has in flight, for {@code upload.max-concurrent-per-user}. */
final class ActiveUploads {
    private final Map<Long, Integer> byAccount = new ConcurrentHashMap<>();

    /** Counts one more upload for the account unless it already has {@code max}; false when refused. */
    boolean tryAcquire(long accountId, int max) {
        boolean[] granted = {false};
        byAccount.compute(accountId, (id, count) -> {
            int current = count == null ? 0 : count;
            if (current >= max) {
                return count;
            }
            granted[0] = true;
            return current + 1;
        });
        return granted[0];
    }

    void release(long accountId) {
        byAccount.computeIfPresent(accountId, (id, count) -> count <= 1 ? null : count - 1);
    }
}
