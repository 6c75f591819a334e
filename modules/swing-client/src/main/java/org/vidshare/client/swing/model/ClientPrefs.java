package org.vidshare.client.swing.model;

import java.awt.Rectangle;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.prefs.AbstractPreferences;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the client remembers between runs, in {@link java.util.prefs} (the platform's place for
 * such things: the registry on Windows, {@code ~/.java/.userPrefs} elsewhere): the servers used
 * (most recent first), the window's bounds, the theme, the language and the download folder.
 * Every value is optional: a first run has none and the command line's options win over all.
 * The node is given, so tests use a node of their own and the window test one that forgets.
 */
public final class ClientPrefs {
    /** How many servers the list keeps; the oldest falls off. */
    public static final int MAX_SERVERS = 10;
    private static final String SERVERS = "servers";
    private static final String BOUNDS = "window.bounds";
    private static final String DARK = "theme.dark";
    private static final String LANG = "lang";
    private static final String DOWNLOADS = "downloads";

    /** A server as host and port; {@code toString} is the {@code host:port} the list shows. */
    public record Server(String host, int port) {
        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    private final Preferences node;

    public ClientPrefs(Preferences node) {
        this.node = node;
    }

    /** The signed-in person's own preferences on this machine. */
    public static ClientPrefs user() {
        return new ClientPrefs(Preferences.userRoot().node("org/vidshare/client"));
    }

    /** Preferences that live only as long as this object (windows opened by tests). */
    public static ClientPrefs inMemory() {
        return new ClientPrefs(new MemoryNode());
    }

    public Preferences node() {
        return node;
    }

    /** "host:port" or "[v6]:port" as a server; empty when it is not one. */
    public static Optional<Server> parseServer(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        int colon = trimmed.lastIndexOf(':');
        if (colon <= 0 || colon == trimmed.length() - 1) {
            return Optional.empty();
        }
        String host = trimmed.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            return Optional.empty();
        }
        try {
            int port = Integer.parseInt(trimmed.substring(colon + 1));
            return port >= 1 && port <= 65_535 ? Optional.of(new Server(host, port)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The servers, most recently used first. */
    public List<Server> servers() {
        List<Server> servers = new ArrayList<>();
        for (String line : node.get(SERVERS, "").split("\n")) {
            parseServer(line).ifPresent(servers::add);
        }
        return servers;
    }

    public void setServers(List<Server> servers) {
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        servers.forEach(server -> unique.add(server.toString()));
        node.put(SERVERS, String.join("\n", unique.stream().limit(MAX_SERVERS).toList()));
    }

    /** Puts {@code server} first (used now), keeping the others in their order. */
    public void rememberServer(Server server) {
        List<Server> servers = new ArrayList<>(servers());
        servers.remove(server);
        servers.add(0, server);
        setServers(servers);
    }

    public Optional<Rectangle> windowBounds() {
        String[] parts = node.get(BOUNDS, "").split(",");
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            Rectangle bounds = new Rectangle(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                    Integer.parseInt(parts[2]), Integer.parseInt(parts[3]));
            return bounds.width > 0 && bounds.height > 0 ? Optional.of(bounds) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public void setWindowBounds(Rectangle bounds) {
        node.put(BOUNDS, bounds.x + "," + bounds.y + "," + bounds.width + "," + bounds.height);
    }

    public Optional<Boolean> dark() {
        String value = node.get(DARK, null);
        return value == null ? Optional.empty() : Optional.of(Boolean.parseBoolean(value));
    }

    public void setDark(boolean dark) {
        node.putBoolean(DARK, dark);
    }

    public Optional<Lang> lang() {
        try {
            String value = node.get(LANG, null);
            return value == null ? Optional.empty() : Optional.of(Lang.fromWire(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public void setLang(Lang lang) {
        node.put(LANG, lang.wire());
    }

    public Optional<Path> downloadDir() {
        String value = node.get(DOWNLOADS, null);
        try {
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    public void setDownloadDir(Path dir) {
        node.put(DOWNLOADS, dir.toAbsolutePath().toString());
    }

    /**
     * Writes to the backing store now (it would anyway, later). A store that cannot be written
     * (read-only home) costs the memory of this run only, never the client.
     */
    public void flush() {
        try {
            node.flush();
        } catch (BackingStoreException | IllegalStateException e) {
            // Nothing to do: the values of this run stay in memory.
        }
    }

    /** A preferences node kept in memory only. */
    private static final class MemoryNode extends AbstractPreferences {
        private final Map<String, String> values = new HashMap<>();
        private final Map<String, MemoryNode> children = new HashMap<>();

        MemoryNode() {
            this(null, "");
        }

        private MemoryNode(MemoryNode parent, String name) {
            super(parent, name);
        }

        @Override
        protected void putSpi(String key, String value) {
            values.put(key, value);
        }

        @Override
        protected String getSpi(String key) {
            return values.get(key);
        }

        @Override
        protected void removeSpi(String key) {
            values.remove(key);
        }

        @Override
        protected void removeNodeSpi() {
            values.clear();
        }

        @Override
        protected String[] keysSpi() {
            return values.keySet().toArray(String[]::new);
        }

        @Override
        protected String[] childrenNamesSpi() {
            return children.keySet().toArray(String[]::new);
        }

        @Override
        protected AbstractPreferences childSpi(String name) {
            return children.computeIfAbsent(name, n -> new MemoryNode(this, n));
        }

        @Override
        protected void syncSpi() {
        }

        @Override
        protected void flushSpi() {
        }
    }
}
