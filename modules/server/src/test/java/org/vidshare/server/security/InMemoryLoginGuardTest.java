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
        assertThatCode(() -> guard.checkName("alice", ADDRESS)).doesNotThrowAnyException();
    }

    @Test
    void anExpiredLockStartsAFreshCount() throws Exception {
        for (int i = 0; i < 3; i++) {
            guard.recordFailure("bob", ADDRESS);
        }
        assertLocked("bob");
        clock.advance(Duration.ofMinutes(15));
        guard.checkName("bob", ADDRESS);
        guard.recordFailure("bob", ADDRESS);
        guard.recordFailure("bob", ADDRESS);
        guard.checkName("bob", ADDRESS);
        guard.recordFailure("bob", ADDRESS);
        assertLocked("bob");
    }

    @Test
    void failuresSpreadWiderThanTheLockTimeNeverLock() throws Exception {
        for (int i = 0; i < 10; i++) {
            guard.recordFailure("carol", ADDRESS);
            clock.advance(Duration.ofMinutes(8));
        }
        guard.checkName("carol", ADDRESS);
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
        guard.recordSuccess("dave", ADDRESS);
        guard.recordFailure("dave", ADDRESS);
        guard.recordFailure("dave", ADDRESS);
        guard.checkName("dave", ADDRESS);
        guard.recordFailure("dave", ADDRESS);
        assertLocked("dave");
        guard.clear("dave");
        guard.checkName("dave", ADDRESS);
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
        LoginGuard.Attempt first = guard.begin("eve", ADDRESS);
        LoginGuard.Attempt second = guard.begin("eve", ADDRESS);
        LoginGuard.Attempt third = guard.begin("eve", ADDRESS);
        // Three running checks could lock the name (max 3): a fourth must wait for them.
        assertThat(catchThrowableOfType(CommandException.class, () -> guard.begin("eve", ADDRESS)).code())
                .isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
        first.failed();
        assertThat(catchThrowableOfType(CommandException.class, () -> guard.begin("eve", ADDRESS)).code())
                .isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
        // A check that counts nothing (wrong user type) gives its place back.
        second.close();
        LoginGuard.Attempt fourth = guard.begin("eve", ADDRESS);
        third.failed();
        fourth.failed();
        assertLocked("eve");
        assertThat(catchThrowableOfType(CommandException.class, () -> guard.begin("eve", ADDRESS)).code())
                .isEqualTo(ErrorCode.LOCKED);
    }

    @Test
    void anAttemptEndsOnceWhateverIsCalledAfter() throws Exception {
        LoginGuard.Attempt attempt = guard.begin("frank", ADDRESS);
        attempt.failed();
        attempt.failed();
        attempt.close();
        try (LoginGuard.Attempt a = guard.begin("frank", ADDRESS); LoginGuard.Attempt b = guard.begin("frank", ADDRESS)) {
            a.failed();
            b.close();
        }
        guard.checkName("frank", ADDRESS);
        try (LoginGuard.Attempt c = guard.begin("frank", ADDRESS)) {
            c.failed();
        }
        assertLocked("frank");
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

    @Test
    void aNameIsLockedOnlyForTheAddressItFailedFrom() throws Exception {
        String attacker = "198.51.100.66";
        for (int i = 0; i < 3; i++) {
            guard.recordFailure("ida", attacker);
        }
        assertLocked("ida", attacker);
        // The real user, elsewhere, is not locked out, and may fail and succeed on their own count.
        guard.checkName("ida", ADDRESS);
        try (LoginGuard.Attempt attempt = guard.begin("ida", ADDRESS)) {
            attempt.failed();
        }
        try (LoginGuard.Attempt attempt = guard.begin("ida", ADDRESS)) {
            attempt.succeeded();
        }
        // Her success resets her own count only: the attacker stays locked.
        assertLocked("ida", attacker);
        assertThat(catchThrowableOfType(CommandException.class, () -> guard.begin("ida", attacker)).code())
                .isEqualTo(ErrorCode.LOCKED);
        // unlock_user clears the name on every address.
        guard.clear("ida");
        guard.checkName("ida", attacker);
    }

    @Test
    void theAddressLimitStillCountsFailuresOfEveryName() throws Exception {
        for (int i = 0; i < 6; i++) {
            try (LoginGuard.Attempt attempt = guard.begin("name" + i, ADDRESS)) {
                attempt.failed();
            }
        }
        assertThat(catchThrowableOfType(CommandException.class, () -> guard.checkAddress(ADDRESS)).code())
                .isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
    }

    private void assertLocked(String name) {
        assertLocked(name, ADDRESS);
    }

    private void assertLocked(String name, String address) {
        CommandException locked = catchThrowableOfType(CommandException.class, () -> guard.checkName(name, address));
        assertThat(locked).as("%s should be locked", name).isNotNull();
        assertThat(locked.code()).isEqualTo(ErrorCode.LOCKED);
    }
}
