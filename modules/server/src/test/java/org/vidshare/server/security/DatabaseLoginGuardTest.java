package org.vidshare.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.LoginGuard;
import org.vidshare.server.persistence.TestDatabase;

/**
 * The login guard in a real database: the rules every guard keeps, and what only a shared one can:
 * two guards on one database (two nodes) see each other's failures, reservations and locks.
 */
abstract class DatabaseLoginGuardTest extends LoginGuardContractTest {
    private TestDatabase db;
    private DatabaseLoginGuard guard;
    private DatabaseLoginGuard otherNode;

    /** Called by the subclass before each test. */
    void use(TestDatabase database) {
        db = database;
        guard = new DatabaseLoginGuard(db.database(), clock, MAX_FAILURES, LOCK_TIME, MAX_PER_ADDRESS);
        otherNode = new DatabaseLoginGuard(db.database(), clock, MAX_FAILURES, LOCK_TIME, MAX_PER_ADDRESS);
    }

    @AfterEach
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @Override
    LoginGuard guard() {
        return guard;
    }

    @Test
    void failuresOnOneNodeLockTheNameForThatAddressOnTheOther() throws Exception {
        guard.recordFailure("jack", ADDRESS);
        try (LoginGuard.Attempt attempt = otherNode.begin("jack", ADDRESS)) {
            attempt.failed();
        }
        guard.recordFailure("jack", ADDRESS);
        CommandException locked = catchThrowableOfType(CommandException.class, () -> otherNode.checkName("jack", ADDRESS));
        assertThat(locked.code()).isEqualTo(ErrorCode.LOCKED);
        assertThat(catchThrowableOfType(CommandException.class, () -> otherNode.begin("jack", ADDRESS)).code())
                .isEqualTo(ErrorCode.LOCKED);
        otherNode.checkName("jack", "192.0.2.1");
        // unlock_user on one node clears the lock for all.
        otherNode.clear("jack");
        guard.checkName("jack", ADDRESS);
    }

    @Test
    void checksInFlightOnOneNodeCountOnTheOther() throws Exception {
        LoginGuard.Attempt first = guard.begin("kate", ADDRESS);
        LoginGuard.Attempt second = otherNode.begin("kate", ADDRESS);
        LoginGuard.Attempt third = guard.begin("kate", ADDRESS);
        assertThat(catchThrowableOfType(CommandException.class, () -> otherNode.begin("kate", ADDRESS)).code())
                .isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
        first.close();
        otherNode.begin("kate", ADDRESS).close();
        second.close();
        third.close();
    }

    @Test
    void checksThatADeadNodeNeverEndedStopCountingAfterTheBound() throws Exception {
        for (int i = 0; i < MAX_FAILURES; i++) {
            // Begun and never ended: the node died mid-check.
            guard.begin("liam", ADDRESS);
        }
        assertThat(catchThrowableOfType(CommandException.class, () -> otherNode.begin("liam", ADDRESS)).code())
                .isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
        clock.advance(DatabaseLoginGuard.IN_FLIGHT_BOUND.plusSeconds(1));
        try (LoginGuard.Attempt attempt = otherNode.begin("liam", ADDRESS)) {
            attempt.succeeded();
        }
    }

    @Test
    void theAddressLimitCountsFailuresOnEveryNode() throws Exception {
        for (int i = 0; i < 6; i++) {
            (i % 2 == 0 ? guard : otherNode).recordFailure("name" + i, ADDRESS);
        }
        assertThat(catchThrowableOfType(CommandException.class, () -> guard.checkAddress(ADDRESS)).code())
                .isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
        // A success resets the name's count, not the address's.
        guard.recordSuccess("name0", ADDRESS);
        assertThat(catchThrowableOfType(CommandException.class, () -> otherNode.checkAddress(ADDRESS))).isNotNull();
    }

    @Test
    void rowsWithNothingLeftToRememberAreDeleted() throws Exception {
        try (LoginGuard.Attempt attempt = guard.begin("mia", ADDRESS)) {
            attempt.succeeded();
        }
        assertThat(guard.remembered()).as("a login that succeeded at once leaves no row").isZero();
        for (int i = 0; i < 20; i++) {
            guard.recordFailure("once" + i, "198.51.100." + i);
        }
        assertThat(guard.remembered()).isEqualTo(20);
        clock.advance(LOCK_TIME.plus(Duration.ofMinutes(1)));
        guard.recordFailure("late", ADDRESS);
        assertThat(guard.remembered()).isEqualTo(1);
        assertThatCode(() -> guard.checkAddress("198.51.100.1")).doesNotThrowAnyException();
    }
}
