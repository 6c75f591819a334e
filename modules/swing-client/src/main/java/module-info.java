/**
 * The desktop client: talks to the server only through the core's client library (no server,
 * EclipseLink or H2 on its module path). {@code model} is the headless presentation logic, exported
 * so the end-to-end tests can drive it against a real server; {@code ui} is the Swing window.
 */
module org.vidshare.client.swing {
    requires transitive java.desktop; // the models are Swing table models
    requires transitive java.prefs; // ClientPrefs takes a Preferences node (tests give their own)
    requires org.vidshare.core;
    requires org.vidshare.client;
    requires com.formdev.flatlaf;
    requires com.miglayout.swing;

    exports org.vidshare.client.swing;
    exports org.vidshare.client.swing.model;
    exports org.vidshare.client.swing.ui;
}
