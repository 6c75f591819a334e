package org.vidshare.server.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.vidshare.core.protocol.Language;
import org.vidshare.core.spi.Field;
import org.vidshare.core.spi.Role;
import org.vidshare.core.spi.Settings;
import org.vidshare.server.plugin.PluginRegistry;

/** The {@code features} of hello and login: what a role may use, as data a client renders menus from. */
final class FeatureCatalog {
    private FeatureCatalog() {
    }

    /**
     * One server's catalogs, each built once per role and language: the plugins and the settings do
     * not change while a server runs, and a burst of connections each saying hello would otherwise
     * build the same maps thousands of times. The lists are read-only, shared by every reply.
     */
    static final class Cache {
        private record Key(Role role, Language language) {
        }

        private final PluginRegistry plugins;
        private final Settings settings;
        private final Map<Key, List<Map<String, Object>>> built = new ConcurrentHashMap<>();

        Cache(PluginRegistry plugins, Settings settings) {
            this.plugins = plugins;
            this.settings = settings;
        }

        /** {@code role} null: not logged in. */
        List<Map<String, Object>> forRole(Role role, Language language) {
            return built.computeIfAbsent(new Key(role, language), key -> readOnly(
                    FeatureCatalog.forRole(plugins, settings, key.role(), key.language())));
        }

        @SuppressWarnings("unchecked")
        private static List<Map<String, Object>> readOnly(List<Map<String, Object>> features) {
            return (List<Map<String, Object>>) deepReadOnly(features);
        }

        private static Object deepReadOnly(Object value) {
            if (value instanceof Map<?, ?> map) {
                Map<Object, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(k, deepReadOnly(v)));
                return Collections.unmodifiableMap(copy);
            }
            if (value instanceof List<?> list) {
                return Collections.unmodifiableList(new ArrayList<>(list.stream().map(Cache::deepReadOnly).toList()));
            }
            return value;
        }
    }

    static List<Map<String, Object>> forRole(PluginRegistry plugins, Settings settings, Role role, Language language) {
        List<Map<String, Object>> features = new ArrayList<>();
        for (PluginRegistry.Loaded loaded : plugins.all()) {
            if (loaded.spec().audience().admits(role) && loaded.handler().available(settings)) {
                features.add(describe(loaded, language));
            }
        }
        return features;
    }

    private static Map<String, Object> describe(PluginRegistry.Loaded loaded, Language language) {
        var spec = loaded.spec();
        Map<String, Object> feature = new LinkedHashMap<>();
        feature.put("type", spec.type());
        feature.put("role", spec.audience().wireRole());
        feature.put("label", spec.label().in(language));
        feature.put("menu", spec.menu() == null ? null : spec.menu().in(language));
        feature.put("position", spec.position());
        List<Map<String, Object>> fields = new ArrayList<>();
        for (Field field : spec.fields()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", field.name());
            f.put("kind", field.kind().wire());
            f.put("label", field.label().in(language));
            f.put("required", field.required());
            if (field.max() != null) {
                f.put("max", field.max());
            }
            if (!field.choices().isEmpty()) {
                f.put("choices", field.choices());
            }
            fields.add(f);
        }
        feature.put("fields", fields);
        feature.put("result", spec.result().wire());
        return feature;
    }
}
