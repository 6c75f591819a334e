package org.vidshare.server.config;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * Where the bundled plugins are when {@code plugins.bundled-dir} is not set: the distribution
 * ({@code modules/dist/target}) puts the server's module path in {@code lib/} and the plugin jars
 * in {@code plugins/} beside it, so whoever runs {@code java -p <dist>/lib} gets them without a
 * setting of its own. A server not run from a jar (classes directories, an IDE) has none.
 */
final class BundledPlugins {
    private BundledPlugins() {
    }

    static String besideServerJar() {
        CodeSource source = BundledPlugins.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return "";
        }
        try {
            Path location = Path.of(source.getLocation().toURI());
            if (!Files.isRegularFile(location) || location.getParent() == null || location.getParent().getParent() == null) {
                return "";
            }
            return location.getParent().resolveSibling("plugins").toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return "";
        }
    }
}
