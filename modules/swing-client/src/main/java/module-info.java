/** The desktop client: talks to the server only through the core's client library. */
module org.vidshare.client.swing {
    requires java.desktop;
    requires org.vidshare.core;
    requires com.formdev.flatlaf;
    requires com.miglayout.swing;

    exports org.vidshare.client.swing;
}
