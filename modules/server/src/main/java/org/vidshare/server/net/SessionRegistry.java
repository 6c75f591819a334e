package org.vidshare.server.net;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.vidshare.core.spi.Caller;

/**
 * Live sessions (docs/protocol.md, Sessions and roles): a token is 128 random bits, valid only on the connection
 * that logged in, and dies with it, with logout, or with an admin lock. Safe under concurrency.
 */
public final class SessionRegistry {
    private static final int TOKEN_BYTES = 16;

    private record Live(Connection connection, Caller caller) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Live> byToken = new ConcurrentHashMap<>();
    private final Map<Long, Set<String>> byUser = new ConcurrentHashMap<>();

    /** Opens a session on the connection, replacing the one it had. */
    public String open(Connection connection, Caller caller) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        close(connection);
        byToken.put(token, new Live(connection, caller));
        byUser.compute(caller.userId(), (id, tokens) -> {
            Set<String> set = tokens == null ? ConcurrentHashMap.newKeySet() : tokens;
            set.add(token);
            return set;
        });
        connection.sessionToken(token);
        if (!connection.io().isConnected()) {
            // The connection dropped while logging in: its closing hook may already have run.
            close(connection);
        }
        return token;
    }

    /** The caller behind a token, only if it was issued to this very connection. */
    public Optional<Caller> resolve(String token, Connection connection) {
        if (token == null) {
            return Optional.empty();
        }
        Live live = byToken.get(token);
        if (live == null || live.connection() != connection) {
            return Optional.empty();
        }
        return Optional.of(live.caller());
    }

    /** Ends the connection's session (logout, disconnect). */
    public void close(Connection connection) {
        String token = connection.sessionToken();
        if (token == null) {
            return;
        }
        connection.sessionToken(null);
        Live live = byToken.remove(token);
        if (live != null) {
            // Drop the account's entry with its last token, so accounts that come and go leave nothing behind.
            byUser.computeIfPresent(live.caller().userId(), (id, tokens) -> {
                tokens.remove(token);
                return tokens.isEmpty() ? null : tokens;
            });
        }
    }

    /**
     * Ends every session of the account at once. Idle connections stay open (their next request
     * gets not_logged_in); a connection busy with a transfer or a download wait is closed.
     */
    public void endAllOf(long userId) {
        endAllOf(userId, null);
    }

    /** As {@link #endAllOf(long)}, but the session on {@code spared} (when it has one) lives on. */
    public void endAllOf(long userId, Connection spared) {
        Set<String> tokens = byUser.get(userId);
        if (tokens == null) {
            return;
        }
        for (String token : tokens) {
            Live live = byToken.get(token);
            if (live != null && live.connection() == spared) {
                continue;
            }
            live = byToken.remove(token);
            byUser.computeIfPresent(userId, (id, left) -> {
                left.remove(token);
                return left.isEmpty() ? null : left;
            });
            if (live != null) {
                live.connection().forgetSessionToken(token);
                if (live.connection().transfer() != Connection.Transfer.NONE) {
                    live.connection().closeNow();
                }
            }
        }
    }

    /** The accounts with at least one live session here. */
    public Set<Long> accounts() {
        return Set.copyOf(byUser.keySet());
    }

    public int size() {
        return byToken.size();
    }

    /** Accounts with at least one live session. */
    public int accountCount() {
        return byUser.size();
    }
}
