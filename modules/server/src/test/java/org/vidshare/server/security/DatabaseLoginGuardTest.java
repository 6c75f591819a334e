package org.vidshare.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
        // The row stays for the bound of a check in flight (a login beside this one may be reading it).
        assertThat(guard.remembered()).isEqualTo(1);
        guard.recordSuccess("ned", ADDRESS);
        assertThat(guard.remembered()).as("a success with nothing to reset makes no row").isEqualTo(1);
        clock.advance(DatabaseLoginGuard.IN_FLIGHT_BOUND.plusSeconds(1));
        guard.recordSuccess("mia", ADDRESS);
        assertThat(guard.remembered()).as("a login that succeeded at once is forgotten after the bound").isZero();
        for (int i = 0; i < 20; i++) {
            guard.recordFailure("once" + i, "198.51.100." + i);
        }
        assertThat(guard.remembered()).isEqualTo(20);
        clock.advance(LOCK_TIME.plus(Duration.ofMinutes(1)));
        guard.recordFailure("late", ADDRESS);
        assertThat(guard.remembered()).isEqualTo(1);
        assertThatCode(() -> guard.checkAddress("198.51.100.1")).doesNotThrowAnyException();
    }

    @Test
    void parallelFailuresOnTwoNodesAreEachCountedOnce() throws Exception {
        int threads = 8;
        int perThread = 25;
        int limit = threads * perThread;
        DatabaseLoginGuard[] nodes = {
                new DatabaseLoginGuard(db.database(), clock, limit, LOCK_TIME, Integer.MAX_VALUE),
                new DatabaseLoginGuard(db.database(), clock, limit, LOCK_TIME, Integer.MAX_VALUE)};
        inParallel(threads, t -> {
            for (int i = 0; i < perThread; i++) {
                endOnceAdmitted(nodes[t % 2], "nora", LoginGuard.Attempt::failed);
            }
        });
        // The limit is exactly the number of failures: one lost or doubled count shows here.
        assertThat(catchThrowableOfType(CommandException.class, () -> nodes[0].begin("nora", ADDRESS)).code())
                .isEqualTo(ErrorCode.LOCKED);
    }

    @Test
    void parallelRightLoginsOnTwoNodesNeverFail() throws Exception {
        // Several first checks of a name race to make its row: the losers must read the winner's row,
        // never fail (the guard once deleted a row a success left empty, and a loser's retry met
        // the next insert race).
        inParallel(8, t -> {
            for (int i = 0; i < 25; i++) {
                endOnceAdmitted(t % 2 == 0 ? guard : otherNode, "olga", LoginGuard.Attempt::succeeded);
            }
        });
        try (LoginGuard.Attempt attempt = guard.begin("olga", ADDRESS)) {
            attempt.succeeded();
        }
    }

    @Test
    void aCrowdOfWrongGuessesOnTwoNodesGetsMaxFailuresChecksAndLocksTheName() throws Exception {
        for (int round = 0; round < 5; round++) {
            String name = "pia" + round;
            List<ErrorCode> refusals = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger checked = new AtomicInteger();
            inParallel(16, t -> {
                try (LoginGuard.Attempt attempt = (t % 2 == 0 ? guard : otherNode).begin(name, ADDRESS)) {
                    checked.incrementAndGet();
                    Thread.sleep(20); // a password check's time, so that the others meet the reservations
                    attempt.failed();
                } catch (CommandException e) {
                    refusals.add(e.code());
                }
            });
            assertThat(checked.get()).isEqualTo(MAX_FAILURES);
            assertThat(refusals).allSatisfy(code -> assertThat(code).isIn(ErrorCode.LOCKED, ErrorCode.TOO_MANY_REQUESTS));
            assertThat(catchThrowableOfType(CommandException.class, () -> guard.begin(name, ADDRESS)).code())
                    .as("round %d", round).isEqualTo(ErrorCode.LOCKED);
        }
    }

    private interface Task {
        void run(int thread) throws Exception;
    }

    private static void inParallel(int threads, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    task.run(thread);
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private interface Ending {
        void end(LoginGuard.Attempt attempt);
    }

    /** Begins a check, waiting out "too many at once" (the others' checks end), and ends it. */
    private static void endOnceAdmitted(LoginGuard node, String name, Ending ending) throws Exception {
        while (true) {
            try (LoginGuard.Attempt attempt = node.begin(name, ADDRESS)) {
                ending.end(attempt);
                return;
            } catch (CommandException e) {
                if (e.code() != ErrorCode.TOO_MANY_REQUESTS) {
                    throw e;
                }
                Thread.sleep(1);
            }
        }
    }
}
