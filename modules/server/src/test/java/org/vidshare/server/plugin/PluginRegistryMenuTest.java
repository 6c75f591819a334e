package org.vidshare.server.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vidshare.core.spi.Audience;
import org.vidshare.core.spi.CommandContext;
import org.vidshare.core.spi.CommandHandler;
import org.vidshare.core.spi.CommandSpec;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;

/** The registry's menu rules: one entry per menu position, one name per menu and language. */
class PluginRegistryMenuTest {
    /** A handler that only declares where its menu entry goes. */
    private record Entry(CommandSpec spec) implements CommandHandler {
        static Entry of(String type, String zhMenu, String enMenu, int position) {
            return new Entry(CommandSpec.builder(type, Audience.PUBLIC).label(type, type)
                    .menu(zhMenu, enMenu, position).build());
        }

        static Entry withoutMenu(String type) {
            return new Entry(CommandSpec.builder(type, Audience.PUBLIC).label(type, type).build());
        }

        @Override
        public Reply handle(Request request, CommandContext context) {
            return Reply.ok("好", "Fine");
        }
    }

    @Test
    void twoEntriesInOneMenuPositionStopTheStartNamingBoth() {
        List<CommandHandler> clash = List.of(Entry.of("download_it", "电影", "Movies", 210),
                Entry.of("delete_it", "电影", "Movies", 210));

        assertThatThrownBy(() -> PluginRegistry.load(clash, null, null))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("'download_it'")
                .hasMessageContaining("'delete_it'")
                .hasMessageContaining("position 210 of menu 'Movies'");
    }

    @Test
    void aClashInOneLanguageOnlyIsStillAClash() {
        // Two English menus that share their Chinese name are one menu in the Chinese UI.
        List<CommandHandler> clash = List.of(Entry.of("first", "帮助", "Help", 900),
                Entry.of("second", "帮助", "Support", 900));

        assertThatThrownBy(() -> PluginRegistry.load(clash, null, null))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("'first'")
                .hasMessageContaining("'second'");
    }

    @Test
    void aMenuWithTwoChineseNamesStopsTheStart() {
        List<CommandHandler> split = List.of(Entry.of("first", "帮助", "Help", 900),
                Entry.of("second", "求助", "Help", 910));

        assertThatThrownBy(() -> PluginRegistry.load(split, null, null))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("menu 'Help' is named 'Help'/'帮助' by 'first'")
                .hasMessageContaining("'Help'/'求助' by 'second'");
    }

    @Test
    void distinctPositionsAndEntriesWithoutAMenuLoadInMenuOrder() {
        PluginRegistry registry = PluginRegistry.load(List.of(Entry.of("later", "电影", "Movies", 220),
                Entry.of("sooner", "电影", "Movies", 210), Entry.withoutMenu("no_menu_a"),
                Entry.withoutMenu("no_menu_b")), null, null);

        assertThat(registry.all()).extracting(l -> l.spec().type())
                .containsSubsequence("sooner", "later")
                .contains("no_menu_a", "no_menu_b");
    }
}
