package org.vidshare.server.plugin;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How a plugins directory becomes module layers. Each jar directly in the directory is one unit,
 * each subdirectory is one unit (a plugin and its private libraries: all jars directly in it), and
 * each unit is one child layer over the boot layer. Units do not see each other, so two of them may
 * hold modules of the same name (a library in two versions) or the same package.
 */
final class PluginLayers {
    /** One layer's worth of jars and the jar or directory that names it in messages. */
    record Unit(Path origin, List<Path> jars) {
    }

    private PluginLayers() {
    }

    /** The units of a directory in name order; none for null or a missing directory. */
    static List<Unit> unitsIn(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        List<Unit> units = new ArrayList<>();
        List<Path> looseJars = new ArrayList<>();
        for (Path entry : list(dir)) {
            if (Files.isDirectory(entry)) {
                List<Path> jars = list(entry).stream().filter(PluginLayers::isJar).toList();
                if (!jars.isEmpty()) {
                    failIfTwoJarsHoldOneModule(entry, jars);
                    units.add(new Unit(entry, jars));
                }
            } else if (isJar(entry)) {
                looseJars.add(entry);
                units.add(new Unit(entry, List.of(entry)));
            }
        }
        // Loose jars are separate layers, so an old and a new copy of one plugin would both load;
        // that is an operator's slip (an upgrade copied beside the old jar), not two plugins.
        failIfTwoJarsHoldOneModule(dir, looseJars);
        return units;
    }

    /** The unit's jars resolved (with service binding) over the boot layer, in a loader of their own. */
    static ModuleLayer layerOf(Unit unit) {
        try {
            ModuleFinder finder = ModuleFinder.of(unit.jars().toArray(Path[]::new));
            Set<String> roots = finder.findAll().stream()
                    .map(ModuleReference::descriptor)
                    .map(ModuleDescriptor::name)
                    .collect(Collectors.toSet());
            ModuleLayer parent = ModuleLayer.boot();
            Configuration configuration = parent.configuration().resolveAndBind(finder, ModuleFinder.of(), roots);
            return parent.defineModulesWithOneLoader(configuration, ClassLoader.getSystemClassLoader());
        } catch (RuntimeException e) {
            throw cannotLoad(unit.origin(), e);
        }
    }

    /**
     * Given several jars, {@link ModuleFinder#of} silently keeps the first module of a name: an
     * old and a new version side by side would run whichever sorts first. Refuse that instead.
     */
    private static void failIfTwoJarsHoldOneModule(Path origin, List<Path> jars) {
        Map<String, Path> jarOf = new LinkedHashMap<>();
        try {
            for (Path jar : jars) {
                for (ModuleReference module : ModuleFinder.of(jar).findAll()) {
                    String name = module.descriptor().name();
                    Path previous = jarOf.putIfAbsent(name, jar);
                    if (previous != null) {
                        throw new IllegalStateException("module " + name + " is in two jars, " + previous.getFileName()
                                + " and " + jar.getFileName() + "; keep one");
                    }
                }
            }
        } catch (RuntimeException e) {
            throw cannotLoad(origin, e);
        }
    }

    private static PluginLoadException cannotLoad(Path origin, RuntimeException e) {
        return new PluginLoadException("cannot load plugin jars from " + origin + ": " + e.getMessage(), e);
    }

    private static boolean isJar(Path file) {
        return Files.isRegularFile(file) && file.getFileName().toString().endsWith(".jar");
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new PluginLoadException("cannot list plugins directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
