package org.vidshare.server.net;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vidshare.core.spi.Caller;

/**
 * Live sessions (docs/protocol.md, Sessions and roles): a token is 128 random bits, valid only on the connection
 * that logged in, and dies with it, with logout, or with an admin lock. Safe under concurrency.
 */
public final class SessionRegistry {
    private static final int TOKEN_BYTES = 16;

    private static final Logger LOG = LoggerFactory.getLogger(SessionRegistry.class);

    /** A live session and what must happen when it ends (records that die with it, e.g. transfer tickets). */
    private static final class Live {
        private final Connection connection;
        private final Caller caller;
        private final Map<String, Runnable> onEnd = new LinkedHashMap<>();
        private boolean ended;

        Live(Connection connection, Caller caller) {
            this.connection = connection;
            this.caller = caller;
        }

        Connection connection() {
            return connection;
        }

        Caller caller() {
            return caller;
        }

        /** False when the session has already ended: the caller then runs the action itself. */
        synchronized boolean whenEnds(String key, Runnable action) {
            if (ended) {
                return false;
            }
            onEnd.putIfAbsent(key, action);
            return true;
        }

        void end() {
            List<Runnable> actions;
            synchronized (this) {
                ended = true;
                actions = new ArrayList<>(onEnd.values());
                onEnd.clear();
            }
            actions.forEach(SessionRegistry::runQuietly);
        }
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
            live.end();
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
                live.end();
            }
        }
    }

    /** The accounts with at least one live session here. */
    public Set<Long> accounts() {
        return Set.copyOf(byUser.keySet());
    }

    /** The id of the connection's current session ({@link #idOf}), if it has one. */
    public Optional<String> currentId(Connection connection) {
        String token = connection.sessionToken();
        return token == null || !byToken.containsKey(token) ? Optional.empty() : Optional.of(idOf(token));
    }

    /**
     * Runs the action when the connection's current session ends, or now if it has none: a record
     * made for a session that ended meanwhile must not outlive it.
     */
    public void whenCurrentEnds(Connection connection, String key, Runnable action) {
        String token = connection.sessionToken();
        Live live = token == null ? null : byToken.get(token);
        if (live == null || !live.whenEnds(key, action)) {
            runQuietly(action);
        }
    }

    /** A session's id that does not reveal its token: the SHA-256 of the token, hex. */
    public static String idOf(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            // One failing clean-up (a database hiccup) must not keep the others or the close from running.
            LOG.warn("a session-end action failed: {}", e.toString());
        }
    }

    public int size() {
        return byToken.size();
    }

    /** Accounts with at least one live session. */
    public int accountCount() {
        return byUser.size();
    }
}
