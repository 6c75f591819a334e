package org.vidshare.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.LoginGuard;

/** The time-dependent rules of the login guard, which an e2e test cannot wait out (minutes). */
class InMemoryLoginGuardTest {
    private static final String ADDRESS = "203.0.113.7";

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-11-26T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final InMemoryLoginGuard guard = new InMemoryLoginGuard(clock, 3, Duration.ofMinutes(15), 5);

    @Test
    void aLockLastsTheWholeLockTimeFromTheFailureThatLockedIt() throws Exception {
        guard.recordFailure("alice", ADDRESS);
        clock.advance(Duration.ofMinutes(14));
        guard.recordFailure("alice", ADDRESS);
        guard.recordFailure("alice", ADDRESS);
        assertLocked("alice");

        // The first failure leaves the window now, but the lock was set for 15 minutes from the third.
        clock.advance(Duration.ofMinutes(2));
        assertLocked("alice");
        clock.advance(Duration.ofMinutes(12));
        assertLocked("alice");
        clock.advance(Duration.ofMinutes(1));
        assertThatCode(() -> guard.checkName("alice")).doesNotThrowAnyException();
    }

    @Test
    void anExpiredLockStartsAFreshCount() throws Exception {
        for (int i = 0; i < 3; i++) {
            guard.recordFailure("bob", "198.51.100." + i);
        }
        assertLocked("bob");
        clock.advance(Duration.ofMinutes(15));
        guard.checkName("bob");
        guard.recordFailure("bob", ADDRESS);
        guard.recordFailure("bob", ADDRESS);
        guard.checkName("bob");
        guard.recordFailure("bob", ADDRESS);
        assertLocked("bob");
    }

    @Test
    void failuresSpreadWiderThanTheLockTimeNeverLock() throws Exception {
        for (int i = 0; i < 10; i++) {
            guard.recordFailure("carol", "198.51.100." + i);
            clock.advance(Duration.ofMinutes(8));
        }
        guard.checkName("carol");
    }

    @Test
    void theAddressLimitEndsWhenOlderFailuresLeaveTheWindow() throws Exception {
        for (int i = 0; i < 6; i++) {
            guard.recordFailure("name" + i, ADDRESS);
            clock.advance(Duration.ofMinutes(1));
        }
        CommandException refused = catchThrowableOfType(CommandException.class, () -> guard.checkAddress(ADDRESS));
        assertThat(refused.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
        guard.checkAddress("192.0.2.1");

        // 6 failures at minutes 0..5: at minute 15 all are still inside the window; just after
        // minute 16 two have left, 4 remain, which is not "more than 5".
        clock.advance(Duration.ofMinutes(9));
        assertThat(catchThrowableOfType(CommandException.class, () -> guard.checkAddress(ADDRESS))).isNotNull();
        clock.advance(Duration.ofSeconds(61));
        guard.checkAddress(ADDRESS);
    }

    @Test
    void successAndClearResetTheName() throws Exception {
        guard.recordFailure("dave", ADDRESS);
        guard.recordFailure("dave", ADDRESS);
        guard.recordSuccess("dave");
        guard.recordFailure("dave", ADDRESS);
        guard.recordFailure("dave", ADDRESS);
        guard.checkName("dave");
        guard.recordFailure("dave", ADDRESS);
        assertLocked("dave");
        guard.clear("dave");
        guard.checkName("dave");
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
    void checksInFlightCountAgainstTheFailuresLeft() throws Exception {
        LoginGuard.Attempt first = guard.begin("eve");
        LoginGuard.Attempt second = guard.begin("eve");
        LoginGuard.Attempt third = guard.begin("eve");
        // Three running checks could lock the name (max 3): a fourth must wait for them.
        assertThat(catchThrowableOfType(CommandException.class, () -> guard.begin("eve")).code())
                .isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
        first.failed(ADDRESS);
        assertThat(catchThrowableOfType(CommandException.class, () -> guard.begin("eve")).code())
                .isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
        // A check that counts nothing (wrong user type) gives its place back.
        second.close();
        LoginGuard.Attempt fourth = guard.begin("eve");
        third.failed(ADDRESS);
        fourth.failed(ADDRESS);
        assertLocked("eve");
        assertThat(catchThrowableOfType(CommandException.class, () -> guard.begin("eve")).code())
                .isEqualTo(ErrorCode.LOCKED);
    }

    @Test
    void anAttemptEndsOnceWhateverIsCalledAfter() throws Exception {
        LoginGuard.Attempt attempt = guard.begin("frank");
        attempt.failed(ADDRESS);
        attempt.failed(ADDRESS);
        attempt.close();
        try (LoginGuard.Attempt a = guard.begin("frank"); LoginGuard.Attempt b = guard.begin("frank")) {
            a.failed(ADDRESS);
            b.close();
        }
        guard.checkName("frank");
        try (LoginGuard.Attempt c = guard.begin("frank")) {
            c.failed(ADDRESS);
        }
        assertLocked("frank");
    }

    @Test
    void aSuccessfulAttemptResetsTheCountAndNothingIsLeftBehind() throws Exception {
        guard.recordFailure("gina", ADDRESS);
        guard.recordFailure("gina", ADDRESS);
        try (LoginGuard.Attempt attempt = guard.begin("gina")) {
            attempt.succeeded();
        }
        for (int i = 0; i < 2; i++) {
            try (LoginGuard.Attempt attempt = guard.begin("gina")) {
                attempt.failed(ADDRESS);
            }
        }
        guard.checkName("gina");
        guard.clear("gina");
        try (LoginGuard.Attempt attempt = guard.begin("gina")) {
            attempt.succeeded();
        }
        try (LoginGuard.Attempt attempt = guard.begin("helen")) {
            assertThat(attempt).isNotNull();
        }
        // Only the address's failures are remembered; the names are forgotten.
        assertThat(guard.remembered()).isEqualTo(1);
    }

    private void assertLocked(String name) {
        CommandException locked = catchThrowableOfType(CommandException.class, () -> guard.checkName(name));
        assertThat(locked).as("%s should be locked", name).isNotNull();
        assertThat(locked.code()).isEqualTo(ErrorCode.LOCKED);
    }
}
