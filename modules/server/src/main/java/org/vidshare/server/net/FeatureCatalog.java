package org.vidshare.server.net;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vidshare.core.protocol.Language;
import org.vidshare.core.spi.Field;
import org.vidshare.core.spi.Role;
import org.vidshare.core.spi.Settings;
import org.vidshare.server.plugin.PluginRegistry;

/** The {@code features} of hello and login: what a role may use, as data a client renders menus from. */
final class FeatureCatalog {
    private FeatureCatalog() {
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
