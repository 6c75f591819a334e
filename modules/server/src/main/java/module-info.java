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
    // Only the built-in configuration's appender (server.logging) uses Logback, and only when Logback
    // is the backend: it is then resolved (as SLF4J's provider) and read; the server starts without it.
    requires static ch.qos.logback.classic;
    requires static ch.qos.logback.core;
    // sun.misc.Signal: SIGTERM stops the server gracefully and exits 0 (cli.StopSignals).
    requires jdk.unsupported;

    exports org.vidshare.server;
    exports org.vidshare.server.config;
    // EclipseLink creates its logger by class name (eclipselink.logging.logger).
    exports org.vidshare.server.persistence.logging to org.eclipse.persistence.jpa;
    // Logback's configurator creates the appender by class name.
    exports org.vidshare.server.logging to ch.qos.logback.core;
    // picocli builds the command objects reflectively.
    opens org.vidshare.server.cli to info.picocli;
    // Flyway reads the migration scripts through ClassLoader.getResource, which sees a resource
    // directory named like a package only when it is opened to everyone (a qualified opens is not
    // enough). It holds SQL text only.
    opens db.migration;

    uses org.vidshare.core.spi.CommandHandler;
    uses org.vidshare.core.spi.Dialect;
}
