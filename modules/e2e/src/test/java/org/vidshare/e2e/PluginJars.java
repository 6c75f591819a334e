package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Third-party modules built at test time, as an outside author builds them: sources compiled with
 * javac against the packaged server's module path (plus any jars given), then jarred.
 */
final class PluginJars {
    private PluginJars() {
    }

    /**
     * Compiles {@code sources} (path relative to the source root, e.g. {@code module-info.java} or
     * {@code org/example/A.java}, to its text) into the modular jar {@code jar}.
     */
    static Path build(Path work, Path jar, List<Path> extraModulePath, Map<String, String> sources) throws IOException {
        Path src = work.resolve("src");
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            files.add(Files.writeString(file, source.getValue()));
        }
        String modulePath = Stream.concat(Stream.of(System.getProperty("vidshare.dist.lib")),
                extraModulePath.stream().map(Path::toString)).collect(Collectors.joining(java.io.File.pathSeparator));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK runs the tests").isNotNull();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, null)) {
            boolean compiled = javac.getTask(diagnostics, fileManager, null, List.of("--release", "17",
                            "-p", modulePath, "-d", classes.toString()), null,
                    fileManager.getJavaFileObjectsFromPaths(files)).call();
            assertThat(compiled).as(diagnostics.toString()).isTrue();
        }
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
             Stream<Path> built = Files.walk(classes)) {
            for (Path file : built.filter(Files::isRegularFile).toList()) {
                zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        return jar;
    }
}
