package org.vidshare.server.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vidshare.core.spi.CommandHandler;
import org.vidshare.core.protocol.Language;
import org.vidshare.core.protocol.Text;
import org.vidshare.core.spi.CommandSpec;
import org.vidshare.core.spi.Dialect;

/**
 * Every command handler the server serves: its built-ins, the plugin modules on the module path,
 * then the bundled plugins directory and the drop-in plugins directory. Within those two
 * directories each jar, and each subdirectory (a plugin with its private libraries), is one child
 * {@link ModuleLayer} over the boot layer, as Layrry does: two plugins may carry different versions
 * of one library module, or share a package name. A duplicate type, a bad spec, two entries in one
 * menu place, or a layer that does not resolve stops the start with a message naming the jar or
 * directory. The same layers may provide the {@link Dialect} of connections that never say hello.
 */
public final class PluginRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

    private final Map<String, Loaded> handlers;
    private final Dialect greetingless;

    /** A handler and where it came from, for error messages and logs. */
    public record Loaded(CommandHandler handler, CommandSpec spec, String origin) {
    }

    private PluginRegistry(Map<String, Loaded> handlers, Dialect greetingless) {
        this.handlers = handlers;
        this.greetingless = greetingless;
    }

    /**
     * @param bundledDir the plugins that ship with the server (null or missing: none)
     * @param pluginsDir the operator's drop-ins, {@code plugins.dir} (null or missing: none)
     */
    public static PluginRegistry load(Collection<CommandHandler> builtIns, Path bundledDir, Path pluginsDir) {
        Map<String, Loaded> byType = new LinkedHashMap<>();
        List<Dialect> dialects = new ArrayList<>();
        for (CommandHandler handler : builtIns) {
            add(byType, handler, "server");
        }
        ServiceLoader.load(ModuleLayer.boot(), CommandHandler.class).stream()
                .filter(p -> p.type().getModule().getLayer() == ModuleLayer.boot())
                .forEach(p -> add(byType, instantiate(p), p.type().getModule().getName()));
        ServiceLoader.load(ModuleLayer.boot(), Dialect.class).stream()
                .filter(p -> p.type().getModule().getLayer() == ModuleLayer.boot())
                .forEach(p -> dialects.add(instantiate(p)));
        for (Path dir : Arrays.asList(bundledDir, pluginsDir)) {
            for (PluginLayers.Unit unit : PluginLayers.unitsIn(dir)) {
                ModuleLayer layer = PluginLayers.layerOf(unit);
                ServiceLoader.load(layer, CommandHandler.class).stream()
                        .filter(p -> p.type().getModule().getLayer() == layer)
                        .forEach(p -> add(byType, instantiate(p), unit.origin() + " (" + p.type().getModule().getName() + ")"));
                ServiceLoader.load(layer, Dialect.class).stream()
                        .filter(p -> p.type().getModule().getLayer() == layer)
                        .forEach(p -> dialects.add(instantiate(p)));
            }
        }
        if (dialects.size() > 1) {
            throw new PluginLoadException("several dialects for connections that never say hello: " + dialects
                    + "; keep one", null);
        }
        requireDistinctMenuPlaces(byType.values());
        Dialect greetingless = dialects.isEmpty() ? Dialect.NATIVE : dialects.get(0);
        LOG.info("loaded {} commands: {}; connections without hello speak {}", byType.size(), byType.keySet(),
                greetingless.getClass().getSimpleName().isEmpty() ? greetingless : greetingless.getClass().getSimpleName());
        return new PluginRegistry(byType, greetingless);
    }

    private static <S> S instantiate(ServiceLoader.Provider<S> provider) {
        try {
            return provider.get();
        } catch (RuntimeException | Error e) {
            throw new PluginLoadException("plugin " + provider.type().getName() + " failed to start: " + e, e);
        }
    }

    private static void add(Map<String, Loaded> byType, CommandHandler handler, String origin) {
        CommandSpec spec = handler.spec();
        if (spec == null) {
            throw new PluginLoadException("plugin " + handler.getClass().getName() + " from " + origin + " has no spec", null);
        }
        String problem = spec.problem();
        if (problem != null) {
            throw new PluginLoadException("plugin " + handler.getClass().getName() + " from " + origin
                    + " has a bad spec: " + problem, null);
        }
        Loaded previous = byType.putIfAbsent(spec.type(), new Loaded(handler, spec, origin));
        if (previous != null) {
            throw new PluginLoadException("command type '" + spec.type() + "' is provided twice: by "
                    + previous.origin() + " and by " + origin, null);
        }
    }

    /**
     * A menu position holds one entry and a menu has one name per language, in both languages: else
     * a client shows two entries in one place (in an order no plugin chose) or splits one menu in two.
     */
    private static void requireDistinctMenuPlaces(Collection<Loaded> loaded) {
        for (Language language : List.of(Language.EN, Language.ZH_CN)) { // English first: the operator's log
            Map<String, Loaded> byPlace = new HashMap<>();
            Map<String, Loaded> byPath = new HashMap<>();
            for (Loaded entry : loaded) {
                Text menu = entry.spec().menu();
                if (menu == null) {
                    continue;
                }
                String path = menu.in(language);
                Loaded previous = byPlace.putIfAbsent(path + "\n" + entry.spec().position(), entry);
                if (previous != null) {
                    throw new PluginLoadException("commands " + describe(previous) + " and " + describe(entry)
                            + " both take position " + entry.spec().position() + " of menu '" + path
                            + "'; positions are unique within a menu", null);
                }
                Loaded sameMenu = byPath.putIfAbsent(path, entry);
                if (sameMenu != null && !sameMenu.spec().menu().equals(menu)) {
                    throw new PluginLoadException("menu '" + path + "' is named " + names(sameMenu.spec().menu())
                            + " by " + describe(sameMenu) + " but " + names(menu) + " by " + describe(entry)
                            + "; one menu has one name per language", null);
                }
            }
        }
    }

    private static String names(Text text) {
        return "'" + text.en() + "'/'" + text.zh() + "'";
    }

    private static String describe(Loaded entry) {
        return "'" + entry.spec().type() + "' (" + entry.origin() + ")";
    }

    /** How a connection speaks until its first hello: a provided dialect (the classic one), or native. */
    public Dialect greetinglessDialect() {
        return greetingless;
    }

    public Loaded find(String type) {
        return handlers.get(type);
    }

    /** All handlers, ordered by English menu path, then position, then type. */
    public List<Loaded> all() {
        List<Loaded> list = new ArrayList<>(handlers.values());
        list.sort(Comparator.comparing((Loaded l) -> l.spec().menu() == null ? "" : l.spec().menu().en())
                .thenComparingInt(l -> l.spec().position())
                .thenComparing(l -> l.spec().type()));
        return list;
    }
}
