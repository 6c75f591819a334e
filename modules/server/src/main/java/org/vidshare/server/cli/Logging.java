package org.vidshare.server.cli;

import java.nio.file.Path;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Chooses the server's logging before its first log line: Logback with the server's configuration,
 * to standard output (journald under systemd) or, with {@code logging.file}, to that file rolled
 * by size and day; and java.util.logging (also System.Logger, which the JDK sends to it) bridged
 * into SLF4J. An operator's own {@code -Dlogback.configurationFile} wins.
 */
final class Logging {
    static final String CONFIGURATION_PROPERTY = "logback.configurationFile";
    /** Read by vidshare-logback-file.xml. */
    static final String FILE_PROPERTY = "vidshare.logging.file";

    private Logging() {
    }

    static void configure(String loggingFile) {
        if (System.getProperty(CONFIGURATION_PROPERTY) == null) {
            if (loggingFile.isBlank()) {
                System.setProperty(CONFIGURATION_PROPERTY, "vidshare-logback.xml");
            } else {
                System.setProperty(FILE_PROPERTY, Path.of(loggingFile).toAbsolutePath().normalize().toString());
                System.setProperty(CONFIGURATION_PROPERTY, "vidshare-logback-file.xml");
            }
        }
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
