package org.vidshare.server.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.spi.Caller;
import org.vidshare.core.spi.CommandException;

/**
 * Limits every request payload before any byte of it is stored, whatever command carries it: the
 * free disk (too_large, the connection closes) and the uploads one account may run at once
 * ({@code upload.max-concurrent-per-user}: too_many_requests, the payload is discarded).
 */
final class UploadLimits {
    private final int maxPerUser;
    private final Path dataDir;
    private final Map<Long, AtomicInteger> running = new ConcurrentHashMap<>();

    UploadLimits(int maxPerUser, Path dataDir) {
        this.maxPerUser = maxPerUser;
        this.dataDir = dataDir;
    }

    /** Reserves an upload slot for the caller; the returned action gives it back. */
    Runnable admit(Caller caller, long payloadBytes) throws CommandException {
        long free = usableSpace();
        if (payloadBytes > free) {
            throw new CommandException(ErrorCode.TOO_LARGE,
                    "服务器磁盘空间不足: 需要 " + payloadBytes + " 字节, 可用 " + free + " 字节",
                    "not enough free disk on the server: " + payloadBytes + " bytes needed, " + free + " available")
                    .closing();
        }
        if (caller == null) {
            return () -> { };
        }
        AtomicInteger count = running.computeIfAbsent(caller.userId(), id -> new AtomicInteger());
        if (count.incrementAndGet() > maxPerUser) {
            count.decrementAndGet();
            throw new CommandException(ErrorCode.TOO_MANY_REQUESTS,
                    "同时上传的文件过多 (最多 " + maxPerUser + " 个)", "too many uploads at once (at most " + maxPerUser + ")");
        }
        return count::decrementAndGet;
    }

    private long usableSpace() {
        try {
            return Files.getFileStore(dataDir).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }
}
