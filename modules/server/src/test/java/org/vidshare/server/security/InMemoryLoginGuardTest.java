package org.vidshare.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.vidshare.core.spi.LoginGuard;

/** The login guard in memory: the shared rules, and that it forgets what no rule needs. */
class InMemoryLoginGuardTest extends LoginGuardContractTest {
    private final InMemoryLoginGuard guard = new InMemoryLoginGuard(clock, MAX_FAILURES, LOCK_TIME, MAX_PER_ADDRESS);

    @Override
    LoginGuard guard() {
        return guard;
    }

    @Test
    void namesAndAddressesThatStopFailingAreForgotten() {
        for (int i = 0; i < 100; i++) {
            guard.recordFailure("once" + i, "198.51.100." + i);
        }
        assertThat(guard.remembered()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(16));
        guard.recordFailure("late", ADDRESS);
        assertThat(guard.remembered()).isEqualTo(2);
    }

    @Test
    void aSuccessfulAttemptResetsTheCountAndNothingIsLeftBehind() throws Exception {
        guard.recordFailure("gina", ADDRESS);
        guard.recordFailure("gina", ADDRESS);
        try (LoginGuard.Attempt attempt = guard.begin("gina", ADDRESS)) {
            attempt.succeeded();
        }
        for (int i = 0; i < 2; i++) {
            try (LoginGuard.Attempt attempt = guard.begin("gina", ADDRESS)) {
                attempt.failed();
            }
        }
        guard.checkName("gina", ADDRESS);
        guard.clear("gina");
        try (LoginGuard.Attempt attempt = guard.begin("gina", ADDRESS)) {
            attempt.succeeded();
        }
        try (LoginGuard.Attempt attempt = guard.begin("helen", ADDRESS)) {
            assertThat(attempt).isNotNull();
        }
        // Only the address's failures are remembered; the names are forgotten.
        assertThat(guard.remembered()).isEqualTo(1);
    }
}
