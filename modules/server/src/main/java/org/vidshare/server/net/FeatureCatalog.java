package org.vidshare.server.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.vidshare.core.protocol.Language;
import org.vidshare.core.spi.Column;
import org.vidshare.core.spi.Field;
import org.vidshare.core.spi.Role;
import org.vidshare.core.spi.Settings;
import org.vidshare.core.spi.View;
import org.vidshare.core.spi.ViewAction;
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
                features.add(describe(loaded, settings, language));
            }
        }
        return features;
    }

    private static Map<String, Object> describe(PluginRegistry.Loaded loaded, Settings settings, Language language) {
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
            if (field.money()) {
                f.put("money", true);
            }
            fields.add(f);
        }
        feature.put("fields", fields);
        feature.put("result", spec.result().wire());
        feature.put("repeatable", spec.repeatable());
        if (spec.view() != null) {
            feature.put("view", view(spec.view(), language));
        }
        if (!spec.actions().isEmpty()) {
            List<Map<String, Object>> actions = new ArrayList<>();
            for (ViewAction action : spec.actions()) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("list", action.list());
                a.put("from_row", new TreeMap<>(action.fromRow()));
                actions.add(a);
            }
            feature.put("acts_on", actions);
        }
        loaded.handler().priceCents(settings).ifPresent(price -> feature.put("price_cents", price));
        if (spec.confirm() != null) {
            feature.put("confirm", spec.confirm().in(language));
        }
        if (spec.disabledWhen() != null) {
            feature.put("disabled_when", spec.disabledWhen());
        }
        return feature;
    }

    private static Map<String, Object> view(View view, Language language) {
        Map<String, Object> wire = new LinkedHashMap<>();
        if (view.isList()) {
            wire.put("list", view.listKey());
        }
        wire.put("columns", columns(view.columns(), language));
        if (!view.summary().isEmpty()) {
            wire.put("summary", columns(view.summary(), language));
        }
        return wire;
    }

    private static List<Map<String, Object>> columns(List<Column> columns, Language language) {
        List<Map<String, Object>> wire = new ArrayList<>();
        for (Column column : columns) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("key", column.key());
            c.put("label", column.header().in(language));
            c.put("kind", column.kind().wire());
            wire.add(c);
        }
        return wire;
    }
}
