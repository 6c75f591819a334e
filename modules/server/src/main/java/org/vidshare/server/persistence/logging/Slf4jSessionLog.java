package org.vidshare.server.persistence.logging;

import org.eclipse.persistence.logging.AbstractSessionLog;
import org.eclipse.persistence.logging.SessionLog;
import org.eclipse.persistence.logging.SessionLogEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EclipseLink's log into SLF4J, so that its lines share the server's one backend, format and
 * file instead of going to standard output on their own ("[EL Warning]: ..."). EclipseLink 4.0.9
 * ships an SLF4J logger only in the separate {@code org.eclipse.persistence.extension} jar (which
 * brings more than this and is not a named module); this adapter is the few lines we need.
 * Loggers are named {@code org.eclipse.persistence.<category>} (sql, connection, ...), levels map
 * SEVERE to ERROR, WARNING to WARN, INFO and CONFIG to INFO, FINE to DEBUG, finer to TRACE.
 * EclipseLink creates it by class name ({@code eclipselink.logging.logger}).
 */
public final class Slf4jSessionLog extends AbstractSessionLog {
    private static final String ROOT = "org.eclipse.persistence";

    @Override
    public void log(SessionLogEntry entry) {
        if (!shouldLog(entry.getLevel(), entry.getNameSpace())) {
            return;
        }
        Logger logger = LoggerFactory.getLogger(entry.getNameSpace() == null ? ROOT : ROOT + "." + entry.getNameSpace());
        String message = formatMessage(entry);
        Throwable error = entry.getException();
        switch (entry.getLevel()) {
            case SessionLog.SEVERE -> logger.error(message, error);
            case SessionLog.WARNING -> logger.warn(message, error);
            case SessionLog.INFO, SessionLog.CONFIG -> logger.info(message, error);
            case SessionLog.FINE -> logger.debug(message, error);
            default -> logger.trace(message, error);
        }
    }
}
