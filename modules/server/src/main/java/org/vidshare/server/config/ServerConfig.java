package org.vidshare.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Properties;
import org.vidshare.core.spi.Settings;

/**
 * The validated configuration. Where a key's value comes from, strongest first: a {@code --set}
 * flag (and the command line's own flags), the properties file, the environment
 * ({@link ConfigKey#environmentVariable()}), the default ({@link #layered}). Every value is checked
 * when it is set, so a bad start fails with the key's name.
 */
public final class ServerConfig implements Settings {
    private final Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);

    public ServerConfig() {
        for (ConfigKey key : ConfigKey.values()) {
            values.put(key, key.defaultValue());
        }
    }

    /**
     * The configuration of a start: the defaults, overridden by the environment, then by the
     * properties file (when given), then by the {@code key=value} assignments of the command line.
     */
    public static ServerConfig layered(Map<String, String> environment, Path configFile, List<String> assignments) {
        ServerConfig config = new ServerConfig().environment(environment);
        if (configFile != null) {
            config.load(configFile);
        }
        assignments.forEach(config::assign);
        return config;
    }

    /** Sets a key by its name; an unknown key or a bad value is a {@link ConfigException}. */
    public ServerConfig set(String name, String value) {
        ConfigKey key = ConfigKey.byName(name == null ? "" : name.trim());
        if (key == null) {
            throw new ConfigException("unknown configuration key '" + name + "'");
        }
        String problem = key.problem(value);
        if (problem != null) {
            throw new ConfigException("bad value '" + value + "' for " + key.key() + ": " + problem);
        }
        // A password is taken byte for byte: a leading or trailing space may be part of it.
        values.put(key, key.secret() ? value : value.trim());
        return this;
    }

    /**
     * Takes every key that an environment variable carries ({@code VIDSHARE_DB_PASSWORD} for
     * {@code db.password}). Other {@code VIDSHARE_*} variables are ignored, not refused: the
     * launchers have variables of their own ({@code VIDSHARE_JAVA_OPTS}), and the environment is
     * shared with other programs. A bad value names the variable.
     */
    public ServerConfig environment(Map<String, String> environment) {
        // Sorted, so that of several bad values the same one is reported each time.
        for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
            ConfigKey key = ConfigKey.byEnvironmentVariable(variable.getKey());
            if (key == null) {
                continue;
            }
            try {
                set(key.key(), variable.getValue());
            } catch (ConfigException e) {
                throw new ConfigException("environment variable " + variable.getKey() + ": " + e.getMessage());
            }
        }
        return this;
    }

    /** Applies a {@code key=value} assignment as given to {@code --set}. */
    public ServerConfig assign(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("expected key=value, got '" + assignment + "'");
        }
        return set(assignment.substring(0, eq), assignment.substring(eq + 1));
    }

    /** Loads a properties file; every key in it must be known. */
    public ServerConfig load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        for (String name : properties.stringPropertyNames()) {
            try {
                set(name, properties.getProperty(name));
            } catch (ConfigException e) {
                throw new ConfigException(file + ": " + e.getMessage());
            }
        }
        return this;
    }

    @Override
    public String get(String key) {
        ConfigKey configKey = ConfigKey.byName(key);
        if (configKey == null) {
            throw new IllegalArgumentException("unknown configuration key '" + key + "'");
        }
        return get(configKey);
    }

    public String get(ConfigKey key) {
        return switch (key) {
            case DB_URL -> values.get(key).isEmpty() ? defaultDbUrl() : values.get(key);
            case PLUGINS_DIR -> values.get(key).isEmpty() ? dataDir().resolve("plugins").toString() : values.get(key);
            case PLUGINS_BUNDLED_DIR -> values.get(key).isEmpty() ? BundledPlugins.besideServerJar() : values.get(key);
            default -> values.get(key);
        };
    }

    @Override
    public long getLong(String key) {
        return Long.parseLong(get(key));
    }

    public long getLong(ConfigKey key) {
        return Long.parseLong(get(key));
    }

    public int getInt(ConfigKey key) {
        return Math.toIntExact(getLong(key));
    }

    /** A {@code true} / {@code false} key (its kind admits nothing else, surrounding blanks aside). */
    public boolean getBoolean(ConfigKey key) {
        return Boolean.parseBoolean(get(key).trim());
    }

    public Path dataDir() {
        return Path.of(values.get(ConfigKey.DATA_DIR)).toAbsolutePath().normalize();
    }

    public Path pluginsDir() {
        return Path.of(get(ConfigKey.PLUGINS_DIR)).toAbsolutePath().normalize();
    }

    /** The plugins that ship with the server; empty when this server has none (see {@link BundledPlugins}). */
    public Path bundledPluginsDir() {
        String dir = get(ConfigKey.PLUGINS_BUNDLED_DIR);
        return dir.isEmpty() ? null : Path.of(dir).toAbsolutePath().normalize();
    }

    private String defaultDbUrl() {
        return "jdbc:h2:file:" + dataDir().resolve("db").resolve("vidshare");
    }
}
