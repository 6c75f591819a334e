package org.vidshare.server.net;

import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vidshare.core.protocol.Language;
import org.vidshare.core.spi.Caller;
import org.vidshare.core.spi.CommandContext;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.IncomingPayload;
import org.vidshare.core.spi.LoginGuard;
import org.vidshare.core.spi.Paging;
import org.vidshare.core.spi.PasswordHasher;
import org.vidshare.core.spi.Request;
import org.vidshare.core.spi.Role;
import org.vidshare.core.spi.Sessions;
import org.vidshare.core.spi.Settings;
import org.vidshare.core.spi.Transactions;

/** The {@link CommandContext} of one request on one connection. */
final class RequestContext implements CommandContext {
    private final ServerServices services;
    private final Connection connection;
    private final Caller caller;
    private final IncomingPayload payload;
    /** Run on the network thread that read it: whatever would wait moves it to a worker ({@link MoveToWorker}). */
    private final boolean onNetworkThread;
    private PasswordHasher passwords;

    RequestContext(ServerServices services, Connection connection, Caller caller, IncomingPayload payload,
                   boolean onNetworkThread) {
        this.services = services;
        this.connection = connection;
        this.caller = caller;
        this.payload = payload;
        this.onNetworkThread = onNetworkThread;
    }

    @Override
    public Optional<Caller> caller() {
        return Optional.ofNullable(caller);
    }

    @Override
    public String remoteAddress() {
        return connection.addressKey();
    }

    @Override
    public InetAddress remoteInetAddress() {
        return connection.remoteInetAddress();
    }

    @Override
    public Language language() {
        return connection.language();
    }

    @Override
    public Settings settings() {
        return services.config();
    }

    @Override
    public Clock clock() {
        return services.clock();
    }

    @Override
    public Transactions transactions() {
        return onNetworkThread ? MoveToWorker.guard(services.transactions()) : services.transactions();
    }

    @Override
    public Sessions sessions() {
        return new Sessions() {
            @Override
            public String open(Caller account) {
                return services.sessions().open(connection, account);
            }

            @Override
            public void closeCurrent() {
                services.sessions().close(connection);
            }

            @Override
            public void endAllOf(long userId) {
                services.sessions().endAllOf(userId);
            }

            @Override
            public void endOthersOf(long userId) {
                services.sessions().endAllOf(userId, connection);
            }

            @Override
            public Optional<String> currentId() {
                return services.sessions().currentId(connection);
            }

            @Override
            public void whenCurrentEnds(String key, Runnable action) {
                services.sessions().whenCurrentEnds(connection, key, action);
            }
        };
    }

    @Override
    public LoginGuard loginGuard() {
        return services.loginGuard();
    }

    @Override
    public PasswordHasher passwords() {
        if (onNetworkThread) {
            throw MoveToWorker.INSTANCE;
        }
        // One per request: its hashes are charged to this connection's address, the request once.
        if (passwords == null) {
            passwords = services.passwords().forRequest(connection.remoteAddress());
        }
        return passwords;
    }

    @Override
    public Paging page(Request request) throws CommandException {
        return Paging.of(request, connection.dialect().pageRules());
    }

    @Override
    public IncomingPayload payload() {
        return payload;
    }

    @Override
    public List<Map<String, Object>> featuresFor(Role role) {
        return FeatureCatalog.forRole(services.plugins(), services.config(), role, connection.language());
    }

    @Override
    public <T> Optional<T> facility(Class<T> type) {
        return Optional.ofNullable(type.cast(services.facilities().get(type)));
    }
}
