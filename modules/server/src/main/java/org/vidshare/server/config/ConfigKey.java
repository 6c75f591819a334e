package org.vidshare.server.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every configuration key of README.md (Configure) with its default and the values it accepts. Names are part
 * of the contract: an unknown key is an error at start, never a silent no-op.
 */
public enum ConfigKey {
    SERVER_HOST("server.host", "0.0.0.0", Kind.TEXT),
    SERVER_PORT("server.port", "8087", Kind.range(0, 65535)),
    SERVER_LANGUAGE("server.language", "zh-CN", Kind.oneOf("zh-CN", "en")),
    SERVER_WORKER_THREADS("server.worker-threads", "16", Kind.range(1, 1024)),
    DATA_DIR("data.dir", "./data", Kind.TEXT),
    DB_URL("db.url", "", Kind.ANY),
    DB_USER("db.user", "sa", Kind.ANY),
    DB_PASSWORD("db.password", "", Kind.SECRET),
    PLUGINS_DIR("plugins.dir", "", Kind.ANY),
    PLUGINS_BUNDLED_DIR("plugins.bundled-dir", "", Kind.ANY),
    PROTOCOL_MAX_HEADER_BYTES("protocol.max-header-bytes", "65536", Kind.range(64, 64L << 20)),
    PROTOCOL_HEADER_TIMEOUT_SECONDS("protocol.header-timeout-seconds", "30", Kind.range(1, 86_400)),
    SERVER_MAX_CONNECTIONS("server.max-connections", "20000", Kind.range(1, 10_000_000)),
    SERVER_IDLE_TIMEOUT_SECONDS("server.idle-timeout-seconds", "300", Kind.range(1, 86_400)),
    UPLOAD_MAX_BYTES("upload.max-bytes", "68719476736", Kind.range(1, Long.MAX_VALUE)),
    UPLOAD_PARTIAL_TTL_HOURS("upload.partial-ttl-hours", "24", Kind.range(1, 24L * 365)),
    /**
     * On: an upload's file is forced to the disk (fsync) before it is published and its row commits,
     * so that a power loss cannot leave a movie row over bytes that never reached the disk
     * (LocalMovieStorage); it costs an upload the disk's write time for what is still in the page cache.
     */
    UPLOAD_SYNC_BEFORE_PUBLISH("upload.sync-before-publish", "true", Kind.oneOf("true", "false")),
    UPLOAD_STALL_TIMEOUT_SECONDS("upload.stall-timeout-seconds", "60", Kind.range(1, 86_400)),
    DOWNLOAD_FREE_WAIT_SECONDS("download.free-wait-seconds", "30", Kind.range(0, 3600)),
    DOWNLOAD_RESUME_GRACE_MINUTES("download.resume-grace-minutes", "60", Kind.range(0, 100_000)),
    DOWNLOAD_MAX_CONCURRENT("download.max-concurrent", "1024", Kind.range(1, 1_000_000)),
    /**
     * Direct memory for plain downloads' file reads, in MiB (DownloadSender): 2 MiB per download
     * sending from it; a download that finds none free sends with sendfile instead, slower on
     * loopback but using no memory; 0: every plain download uses sendfile.
     */
    DOWNLOAD_SEND_BUFFERS_MIB("download.send-buffers-mib", "16", Kind.range(0, 4096)),
    PRICE_VIP_CENTS("price.vip-cents", "3000", Kind.range(0, Integer.MAX_VALUE)),
    PRICE_MOVIE_VIP_CENTS("price.movie-vip-cents", "500", Kind.range(0, Integer.MAX_VALUE)),
    PRICE_MOVIE_REGULAR_CENTS("price.movie-regular-cents", "1000", Kind.range(0, Integer.MAX_VALUE)),
    WALLET_INITIAL_BALANCE_CENTS("wallet.initial-balance-cents", "0", Kind.range(0, Integer.MAX_VALUE)),
    WALLET_MAX_RECHARGE_CENTS("wallet.max-recharge-cents", "100000", Kind.range(1, Integer.MAX_VALUE)),
    // "demo" approves every recharge (free money): only ever on when asked for, see README.md.
    WALLET_PAYMENT_PROVIDER("wallet.payment-provider", "none", Kind.oneOf("demo", "none")),
    PASSWORD_PBKDF2_ITERATIONS("password.pbkdf2-iterations", "600000", Kind.range(1, 10_000_000)),
    // Password hashing is a bounded resource (docs/security.md, Password hashing). 0 threads: one per core.
    PASSWORD_HASH_THREADS("password.hash-threads", "0", Kind.range(0, 256)),
    PASSWORD_HASH_QUEUE("password.hash-queue", "32", Kind.range(1, 100_000)),
    PASSWORD_MAX_CONCURRENT_PER_ADDRESS("password.max-concurrent-per-address", "2", Kind.range(1, 100_000)),
    PASSWORD_MAX_HASHES_PER_ADDRESS_PER_MINUTE("password.max-hashes-per-address-per-minute", "30",
            Kind.range(1, 1_000_000)),
    LOGIN_MAX_FAILURES("login.max-failures", "5", Kind.range(1, 1000)),
    LOGIN_LOCK_MINUTES("login.lock-minutes", "15", Kind.range(1, 100_000)),
    LOGIN_MAX_FAILURES_PER_ADDRESS("login.max-failures-per-address", "20", Kind.range(1, 1_000_000)),
    /**
     * Where the login failure limits count: in this node's memory, or in the database that several
     * nodes share; auto picks memory for an embedded H2 database (one node) and the database otherwise.
     */
    LOGIN_GUARD("login.guard", "auto", Kind.oneOf("auto", "memory", "database")),
    UPLOAD_MAX_CONCURRENT_PER_USER("upload.max-concurrent-per-user", "2", Kind.range(1, 1000)),
    /**
     * Direct memory for upload bytes read straight from plain connections, in MiB (PayloadBuffers):
     * up to 2.25 MiB per upload at full speed; past it uploads read through a heap buffer, slower.
     */
    UPLOAD_READ_BUFFERS_MIB("upload.read-buffers-mib", "16", Kind.range(0, 4096)),
    SERVER_MAX_CONNECTIONS_PER_ADDRESS("server.max-connections-per-address", "256", Kind.range(1, 1_000_000)),
    /** How many requests of one address the worker pool holds at once; its next ones wait their turn (AddressShares). */
    SERVER_MAX_BUSY_WORKERS_PER_ADDRESS("server.max-busy-workers-per-address", "4", Kind.range(1, 1024)),
    /** How long a stopping server lets transfers in flight finish before it cuts them (docs/operations.md). */
    SERVER_SHUTDOWN_GRACE_SECONDS("server.shutdown-grace-seconds", "30", Kind.range(0, 3600)),
    /** Empty: log to standard output (journald); else this file, rotated by size and day. */
    LOGGING_FILE("logging.file", "", Kind.ANY),
    /** The listen queue of each listener (plain and TLS); the kernel caps it at net.core.somaxconn. */
    SERVER_BACKLOG("server.backlog", "1024", Kind.range(1, 65_535)),
    TLS_PORT("tls.port", "", Kind.optional(Kind.range(0, 65535))),
    TLS_KEYSTORE("tls.keystore", "", Kind.ANY),
    TLS_KEYSTORE_PASSWORD("tls.keystore-password", "", Kind.SECRET),
    /** Whose TLS: auto (BoringSSL when its module can run here, else the JDK's), jdk, or boringssl (core.tls.TlsImplementations). */
    TLS_IMPLEMENTATION("tls.implementation", "auto", Kind.TEXT),
    METRICS_PORT("metrics.port", "", Kind.optional(Kind.range(0, 65535))),
    METRICS_HOST("metrics.host", "127.0.0.1", Kind.TEXT),
    BACKUP_DIR("backup.dir", "", Kind.ANY),
    /** On: a login (name and password, or ticket) on the plain port is refused (forbidden); classic clients are plain-only. */
    TLS_REQUIRE_FOR_LOGIN("tls.require-for-login", "false", Kind.oneOf("true", "false")),
    TICKET_TTL_SECONDS("ticket.ttl-seconds", "60", Kind.range(1, 3600)),
    MEDIA_PROBE_TIMEOUT_SECONDS("media.probe-timeout-seconds", "20", Kind.range(1, 3600)),
    MEDIA_TOOLS("media.tools", "auto", Kind.oneOf("auto", "off")),
    MEDIA_STARTUP_POSTERS("media.startup-posters", "500", Kind.range(0, 1_000_000));

    /** The prefix of the environment variables that carry configuration keys. */
    public static final String ENVIRONMENT_PREFIX = "VIDSHARE_";

    private static final Map<String, ConfigKey> BY_NAME =
            Stream.of(values()).collect(Collectors.toMap(ConfigKey::key, Function.identity()));
    private static final Map<String, ConfigKey> BY_ENVIRONMENT_VARIABLE =
            Stream.of(values()).collect(Collectors.toMap(ConfigKey::environmentVariable, Function.identity()));

    private final String key;
    private final String defaultValue;
    private final Kind kind;

    ConfigKey(String key, String defaultValue, Kind kind) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.kind = kind;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    /**
     * The environment variable that may carry this key: {@code VIDSHARE_} and the key upper-cased,
     * with {@code .} and {@code -} as {@code _} ({@code db.password} is {@code VIDSHARE_DB_PASSWORD}).
     */
    public String environmentVariable() {
        return ENVIRONMENT_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** A secret's value is never echoed in a message or a log line. */
    public boolean secret() {
        return kind == Kind.SECRET;
    }

    /** The problem with {@code value} for this key, or null when it is acceptable. */
    public String problem(String value) {
        return kind.problem(value);
    }

    public static ConfigKey byName(String name) {
        return BY_NAME.get(name);
    }

    /** The key an environment variable carries, or null when the name is no key's. */
    public static ConfigKey byEnvironmentVariable(String name) {
        return BY_ENVIRONMENT_VARIABLE.get(name);
    }

    /** The values a key accepts. */
    interface Kind {
        String problem(String value);

        Kind ANY = value -> null;
        Kind TEXT = value -> value.isBlank() ? "must not be empty" : null;
        /** Any value, and one that must never be shown (a password). */
        Kind SECRET = value -> null;

        static Kind range(long min, long max) {
            return value -> {
                try {
                    long parsed = Long.parseLong(value.trim());
                    return parsed < min || parsed > max ? "must be between " + min + " and " + max : null;
                } catch (NumberFormatException e) {
                    return "must be a whole number";
                }
            };
        }

        /** Empty means "off"; anything else must be acceptable to {@code kind}. */
        static Kind optional(Kind kind) {
            return value -> value.isBlank() ? null : kind.problem(value);
        }

        static Kind oneOf(String... choices) {
            List<String> allowed = List.of(choices);
            return value -> allowed.contains(value.trim()) ? null : "must be one of " + allowed;
        }
    }
}
