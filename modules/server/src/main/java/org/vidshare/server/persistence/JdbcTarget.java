package org.vidshare.server.persistence;

import org.vidshare.server.config.ConfigKey;
import org.vidshare.server.config.ServerConfig;

/** Which database to use and as whom: {@code db.url}, {@code db.user}, {@code db.password}. */
public record JdbcTarget(String url, String user, String password) {
    public static JdbcTarget of(ServerConfig config) {
        return new JdbcTarget(config.get(ConfigKey.DB_URL), config.get(ConfigKey.DB_USER), config.get(ConfigKey.DB_PASSWORD));
    }

    boolean isH2() {
        return url.startsWith("jdbc:h2:");
    }

    /**
     * An H2 database inside this process (a file or memory), which no other node can share; H2's
     * server modes ({@code jdbc:h2:tcp:}, {@code jdbc:h2:ssl:}, {@code AUTO_SERVER=TRUE}) can be shared.
     */
    public boolean isEmbedded() {
        return isH2() && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:")
                && !url.toUpperCase(java.util.Locale.ROOT).replace(" ", "").contains("AUTO_SERVER=TRUE");
    }

    /** Never the password: a target may end up in a log line or an exception message. */
    @Override
    public String toString() {
        return url + " as " + user;
    }
}
