package org.vidshare.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.LoginGuard;

/**
 * The time-dependent rules of a login guard, which an e2e test cannot wait out (minutes), for every
 * guard: in memory, and in a real database (H2, PostgreSQL). The guards count {@code max-failures}
 * 3 in a lock time of 15 minutes, and 5 failures per address.
 */
abstract class LoginGuardContractTest {
    static final String ADDRESS = "203.0.113.7";
    static final int MAX_FAILURES = 3;
    static final Duration LOCK_TIME = Duration.ofMinutes(15);
    static final int MAX_PER_ADDRESS = 5;

    final ManualClock clock = new ManualClock();

    /** The guard under test, on {@link #clock}. */
    abstract LoginGuard guard();

    @Test
    void aLockLastsTheWholeLockTimeFromTheFailureThatLockedIt() throws Exception {
        guard().recordFailure("alice", ADDRESS);
        clock.advance(Duration.ofMinutes(14));
        guard().recordFailure("alice", ADDRESS);
        guard().recordFailure("alice", ADDRESS);
        assertLocked("alice");

        // The first failure leaves the window now, but the lock was set for 15 minutes from the third.
        clock.advance(Duration.ofMinutes(2));
        assertLocked("alice");
        clock.advance(Duration.ofMinutes(12));
        assertLocked("alice");
        clock.advance(Duration.ofMinutes(1));
        assertThatCode(() -> guard().checkName("alice", ADDRESS)).doesNotThrowAnyException();
    }

    @Test
    void anExpiredLockStartsAFreshCount() throws Exception {
        for (int i = 0; i < 3; i++) {
            guard().recordFailure("bob", ADDRESS);
        }
        assertLocked("bob");
        clock.advance(Duration.ofMinutes(15));
        guard().checkName("bob", ADDRESS);
        guard().recordFailure("bob", ADDRESS);
        guard().recordFailure("bob", ADDRESS);
        guard().checkName("bob", ADDRESS);
        guard().recordFailure("bob", ADDRESS);
        assertLocked("bob");
    }

    @Test
    void failuresSpreadWiderThanTheLockTimeNeverLock() throws Exception {
        for (int i = 0; i < 10; i++) {
            guard().recordFailure("carol", ADDRESS);
            clock.advance(Duration.ofMinutes(8));
        }
        guard().checkName("carol", ADDRESS);
    }

    @Test
    void theAddressLimitEndsWhenOlderFailuresLeaveTheWindow() throws Exception {
        for (int i = 0; i < 6; i++) {
            guard().recordFailure("name" + i, ADDRESS);
            clock.advance(Duration.ofMinutes(1));
        }
        CommandException refused = catchThrowableOfType(CommandException.class, () -> guard().checkAddress(ADDRESS));
        assertThat(refused.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
        guard().checkAddress("192.0.2.1");

        // 6 failures at minutes 0..5: at minute 15 all are still inside the window; just after
        // minute 16 two have left, 4 remain, which is not "more than 5".
        clock.advance(Duration.ofMinutes(9));
        assertThat(catchThrowableOfType(CommandException.class, () -> guard().checkAddress(ADDRESS))).isNotNull();
        clock.advance(Duration.ofSeconds(61));
        guard().checkAddress(ADDRESS);
    }

    @Test
    void successAndClearResetTheName() throws Exception {
        guard().recordFailure("dave", ADDRESS);
        guard().recordFailure("dave", ADDRESS);
        guard().recordSuccess("dave", ADDRESS);
        guard().recordFailure("dave", ADDRESS);
        guard().recordFailure("dave", ADDRESS);
        guard().checkName("dave", ADDRESS);
        guard().recordFailure("dave", ADDRESS);
        assertLocked("dave");
        guard().clear("dave");
        guard().checkName("dave", ADDRESS);
    }

    @Test
    void checksInFlightCountAgainstTheFailuresLeft() throws Exception {
        LoginGuard.Attempt first = guard().begin("eve", ADDRESS);
        LoginGuard.Attempt second = guard().begin("eve", ADDRESS);
        LoginGuard.Attempt third = guard().begin("eve", ADDRESS);
        // Three running checks could lock the name (max 3): a fourth must wait for them.
        assertThat(catchThrowableOfType(CommandException.class, () -> guard().begin("eve", ADDRESS)).code())
                .isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
        first.failed();
        assertThat(catchThrowableOfType(CommandException.class, () -> guard().begin("eve", ADDRESS)).code())
                .isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
        // A check that counts nothing (wrong user type) gives its place back.
        second.close();
        LoginGuard.Attempt fourth = guard().begin("eve", ADDRESS);
        third.failed();
        fourth.failed();
        assertLocked("eve");
        assertThat(catchThrowableOfType(CommandException.class, () -> guard().begin("eve", ADDRESS)).code())
                .isEqualTo(ErrorCode.LOCKED);
    }

    @Test
    void anAttemptEndsOnceWhateverIsCalledAfter() throws Exception {
        LoginGuard.Attempt attempt = guard().begin("frank", ADDRESS);
        attempt.failed();
        attempt.failed();
        attempt.close();
        try (LoginGuard.Attempt a = guard().begin("frank", ADDRESS); LoginGuard.Attempt b = guard().begin("frank", ADDRESS)) {
            a.failed();
            b.close();
        }
        guard().checkName("frank", ADDRESS);
        try (LoginGuard.Attempt c = guard().begin("frank", ADDRESS)) {
            c.failed();
        }
        assertLocked("frank");
    }

    @Test
    void aNameIsLockedOnlyForTheAddressItFailedFrom() throws Exception {
        String attacker = "198.51.100.66";
        for (int i = 0; i < 3; i++) {
            guard().recordFailure("ida", attacker);
        }
        assertLocked("ida", attacker);
        // The real user, elsewhere, is not locked out, and may fail and succeed on their own count.
        guard().checkName("ida", ADDRESS);
        try (LoginGuard.Attempt attempt = guard().begin("ida", ADDRESS)) {
            attempt.failed();
        }
        try (LoginGuard.Attempt attempt = guard().begin("ida", ADDRESS)) {
            attempt.succeeded();
        }
        // Her success resets her own count only: the attacker stays locked.
        assertLocked("ida", attacker);
        assertThat(catchThrowableOfType(CommandException.class, () -> guard().begin("ida", attacker)).code())
                .isEqualTo(ErrorCode.LOCKED);
        // unlock_user clears the name on every address.
        guard().clear("ida");
        guard().checkName("ida", attacker);
    }

    @Test
    void theAddressLimitStillCountsFailuresOfEveryName() throws Exception {
        for (int i = 0; i < 6; i++) {
            try (LoginGuard.Attempt attempt = guard().begin("name" + i, ADDRESS)) {
                attempt.failed();
            }
        }
        assertThat(catchThrowableOfType(CommandException.class, () -> guard().checkAddress(ADDRESS)).code())
                .isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
    }

    private void assertLocked(String name) {
        assertLocked(name, ADDRESS);
    }

    private void assertLocked(String name, String address) {
        CommandException locked = catchThrowableOfType(CommandException.class, () -> guard().checkName(name, address));
        assertThat(locked).as("%s should be locked", name).isNotNull();
        assertThat(locked.code()).isEqualTo(ErrorCode.LOCKED);
    }
}
