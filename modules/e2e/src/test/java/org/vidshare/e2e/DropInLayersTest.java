package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

/**
 * Each drop-in is a module layer of its own: a jar directly in {@code plugins/}, or a subdirectory
 * (a plugin with its private libraries). So two drop-ins may carry two versions of one library
 * module, or the same package, and both load; a drop-in whose layer cannot be resolved stops the
 * start, naming its directory.
 */
class DropInLayersTest {
    private static final String LIBRARY = "org.example.util";

    @TempDir
    Path dir;

    @Test
    void twoDropInsEachWithItsOwnVersionOfOneLibraryBothAnswer() throws Exception {
        Path plugins = dir.resolve("data/plugins");
        Path utilV1 = library(dir.resolve("build/util-1"), plugins.resolve("alpha/org.example.util-1.jar"), "v1");
        Path utilV2 = library(dir.resolve("build/util-2"), plugins.resolve("beta/org.example.util-2.jar"), "v2");
        plugin(dir.resolve("build/alpha"), plugins.resolve("alpha/alpha.jar"), "alpha", utilV1);
        plugin(dir.resolve("build/beta"), plugins.resolve("beta/beta.jar"), "beta", utilV2);

        TestServer server = TestServer.startIn(dir.resolve("data"), Map.of());
        try (VidShareClient client = server.client()) {
            ClientReply alpha = client.call(Map.of("type", "alpha_version"));
            assertThat(alpha.ok()).as(alpha.toString()).isTrue();
            assertThat(alpha.string("library")).isEqualTo("util v1");
            ClientReply beta = client.call(Map.of("type", "beta_version"));
            assertThat(beta.ok()).as(beta.toString()).isTrue();
            assertThat(beta.string("library")).isEqualTo("util v2");
            // The bundled commands load beside them.
            assertThat(Wire.featureTypes(client.hello("en"))).contains("alpha_version", "beta_version", "login");
        } finally {
            server.close();
        }
    }

    @Test
    void twoDropInJarsWithTheSamePackageBothAnswer() throws Exception {
        Path plugins = dir.resolve("split/plugins");
        splitPackagePlugin(dir.resolve("build/one"), plugins.resolve("split-one.jar"), "one");
        splitPackagePlugin(dir.resolve("build/two"), plugins.resolve("split-two.jar"), "two");

        TestServer server = TestServer.startIn(dir.resolve("split"), Map.of());
        try (VidShareClient client = server.client()) {
            for (String name : List.of("one", "two")) {
                ClientReply reply = client.call(Map.of("type", "split_" + name));
                assertThat(reply.ok()).as(reply.toString()).isTrue();
                assertThat(reply.string("module")).isEqualTo("org.example.split" + name);
            }
        } finally {
            server.close();
        }
    }

    @Test
    void aDropInDirectoryMissingItsLibraryStopsTheStartNamingTheDirectory() throws Exception {
        Path plugins = dir.resolve("broken/plugins");
        Path util = library(dir.resolve("build/util"), dir.resolve("build/util.jar"), "v1");
        // The plugin is compiled against the library, but the library is not copied beside it.
        plugin(dir.resolve("build/gamma"), plugins.resolve("gamma/gamma.jar"), "gamma", util);

        assertThatThrownBy(() -> TestServer.startIn(dir.resolve("broken"), Map.of()))
                .hasMessageContaining("cannot load plugin jars from " + plugins.resolve("gamma"))
                .hasMessageContaining(LIBRARY);
    }

    /** Module {@code org.example.util}: {@code Util.version()} says which copy it is. */
    private static Path library(Path work, Path jar, String version) throws IOException {
        return PluginJars.build(work, jar, List.of(), Map.of(
                "module-info.java", "module " + LIBRARY + " { exports org.example.util; }\n",
                "org/example/util/Util.java", """
                package org.example.util;

                public final class Util {
                    public static String version() {
                        return "util %s";
                    }
                }
                """.formatted(version)));
    }

    /** A drop-in answering {@code <name>_version} with the version of the library it requires. */
    private static Path plugin(Path work, Path jar, String name, Path library) throws IOException {
        return PluginJars.build(work, jar, List.of(library), Map.of(
                "module-info.java", """
                module org.example.%1$s {
                    requires org.vidshare.core;
                    requires org.example.util;
                    provides org.vidshare.core.spi.CommandHandler with org.example.%1$s.VersionHandler;
                }
                """.formatted(name),
                "org/example/" + name + "/VersionHandler.java", """
                package org.example.%1$s;

                import org.example.util.Util;
                import org.vidshare.core.spi.*;

                public final class VersionHandler implements CommandHandler {
                    @Override
                    public CommandSpec spec() {
                        return CommandSpec.builder("%1$s_version", Audience.PUBLIC).label("版本", "Version").build();
                    }

                    @Override
                    public Reply handle(Request request, CommandContext context) {
                        return Reply.ok("版本", "Version").put("library", Util.version());
                    }
                }
                """.formatted(name)));
    }

    /** A drop-in whose only package is {@code org.example.shared}, exported by neither. */
    private static Path splitPackagePlugin(Path work, Path jar, String name) throws IOException {
        return PluginJars.build(work, jar, List.of(), Map.of(
                "module-info.java", """
                module org.example.split%1$s {
                    requires org.vidshare.core;
                    provides org.vidshare.core.spi.CommandHandler with org.example.shared.Split%1$sHandler;
                }
                """.formatted(name),
                "org/example/shared/Split" + name + "Handler.java", """
                package org.example.shared;

                import org.vidshare.core.spi.*;

                public final class Split%1$sHandler implements CommandHandler {
                    @Override
                    public CommandSpec spec() {
                        return CommandSpec.builder("split_%1$s", Audience.PUBLIC).label("拆分", "Split").build();
                    }

                    @Override
                    public Reply handle(Request request, CommandContext context) {
                        return Reply.ok("拆分", "Split").put("module", getClass().getModule().getName());
                    }
                }
                """.formatted(name)));
    }
}
