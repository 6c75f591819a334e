/**
 * The server core: acceptor, dispatcher, sessions, plugin loader, persistence bootstrap, config
 * and the command line. It exports only what embedders and tests start it with.
 */
module org.vidshare.server {
    requires org.vidshare.core;
    requires org.vidshare.domain;
    // Movie media (probe at publish, posters): a facility for plugins, and the start-up poster pass.
    requires org.vidshare.media;
    requires org.apache.mina.core;
    requires org.slf4j;
    requires org.eclipse.persistence.jpa;
    requires org.eclipse.persistence.core;
    requires java.sql;
    // Migrations at start, on the pool EclipseLink then uses (module-info-notes.md "Database").
    requires flyway.core;
    requires com.zaxxer.hikari;
    // The H2 driver is found by class name; requiring it keeps it resolved on the module path.
    requires com.h2database;
    requires info.picocli;
    // The optional Prometheus endpoint (automatic modules); the exporter serves through the JDK's HTTP server.
    requires io.prometheus.metrics.core;
    requires io.prometheus.metrics.model;
    requires io.prometheus.metrics.exporter.httpserver;
    requires io.prometheus.metrics.instrumentation.jvm;
    requires jdk.httpserver;
    // java.util.logging into SLF4J (cli.Logging); the backend itself (Logback) is the dist's choice.
    requires java.logging;
    requires jul.to.slf4j;
    // sun.misc.Signal: SIGTERM stops the server gracefully and exits 0 (cli.StopSignals).
    requires jdk.unsupported;

    exports org.vidshare.server;
    exports org.vidshare.server.config;
    // EclipseLink creates its logger by class name (eclipselink.logging.logger).
    exports org.vidshare.server.persistence.logging to org.eclipse.persistence.jpa;
    // picocli builds the command objects reflectively.
    opens org.vidshare.server.cli to info.picocli;
    // Flyway reads the migration scripts through ClassLoader.getResource, which sees a resource
    // directory named like a package only when it is opened to everyone (a qualified opens is not
    // enough). It holds SQL text only.
    opens db.migration;

    uses org.vidshare.core.spi.CommandHandler;
    uses org.vidshare.core.spi.Dialect;
}
