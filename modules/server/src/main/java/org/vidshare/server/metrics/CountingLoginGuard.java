package org.vidshare.server.metrics;

import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.LoginGuard;

/**
 * The login guard with its failures counted for metrics: every wrong password reaches the guard
 * (login and change_password alike), so this is the one place that sees them all.
 */
public final class CountingLoginGuard implements LoginGuard {
    private final LoginGuard guard;
    private final ServerMetrics metrics;

    public CountingLoginGuard(LoginGuard guard, ServerMetrics metrics) {
        this.guard = guard;
        this.metrics = metrics;
    }

    @Override
    public void checkAddress(String address) throws CommandException {
        guard.checkAddress(address);
    }

    @Override
    public void checkName(String name, String address) throws CommandException {
        guard.checkName(name, address);
    }

    @Override
    public Attempt begin(String name, String address) throws CommandException {
        Attempt attempt = guard.begin(name, address);
        return new Attempt() {
            @Override
            public void failed() {
                attempt.failed();
                metrics.loginFailed();
            }

            @Override
            public void succeeded() {
                attempt.succeeded();
            }

            @Override
            public void close() {
                attempt.close();
            }
        };
    }

    @Override
    public void recordFailure(String name, String address) {
        guard.recordFailure(name, address);
        metrics.loginFailed();
    }

    @Override
    public void recordSuccess(String name, String address) {
        guard.recordSuccess(name, address);
    }

    @Override
    public void clear(String name) {
        guard.clear(name);
    }
}
