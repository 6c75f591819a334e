/**
 * End-to-end tests of the assembled server. The bundled plugins are not required here: the servers
 * the tests start load them from the distribution's plugins directory, one layer per jar, as a
 * drop-in is loaded (see {@link org.vidshare.e2e.TestServer}).
 */
open module org.vidshare.e2e {
    requires org.vidshare.core;
    requires org.vidshare.client;
    requires org.vidshare.server;
    requires org.vidshare.domain;
    requires java.sql;
    requires java.management;
    // DropInPluginTest compiles a small clashing plugin jar at test time.
    requires java.compiler;
    requires com.h2database;
    requires org.slf4j;
    // The Swing client's presentation models and window, driven against the real server.
    requires org.vidshare.client.swing;
    // MediaMetadataTest encodes its own H.264 test videos.
    requires jcodec;

    exports org.vidshare.e2e;
}
