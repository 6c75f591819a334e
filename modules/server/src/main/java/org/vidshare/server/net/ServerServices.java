package org.vidshare.server.net;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.vidshare.core.protocol.Language;
import org.vidshare.core.spi.LoginGuard;
import org.vidshare.core.spi.Transactions;
import org.vidshare.server.config.ServerConfig;
import org.vidshare.server.plugin.PluginRegistry;
import org.vidshare.server.security.HashingPool;

/** The server-wide parts that every request may reach, built once at start. */
public record ServerServices(ServerConfig config, Clock clock, Transactions transactions, SessionRegistry sessions,
                             LoginGuard loginGuard, HashingPool passwords, PluginRegistry plugins,
                             Map<Class<?>, Object> facilities, ScheduledExecutorService scheduler,
                             Language defaultLanguage) {
}
