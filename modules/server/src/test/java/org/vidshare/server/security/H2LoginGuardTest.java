package org.vidshare.server.security;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.server.persistence.TestDatabase;

/** The database login guard on a real H2 file. */
class H2LoginGuardTest extends DatabaseLoginGuardTest {
    @TempDir
    Path dir;

    @BeforeEach
    void openDatabase() {
        use(TestDatabase.h2(dir));
    }

    /**
     * Runs on PostgreSQL (PostgresLoginGuardTest), not here. On H2 2.5.252, about once in a few
     * hundred rounds on two busy cores, a SELECT ... FOR UPDATE issued after every transaction had
     * committed returned the row as it was two commits earlier (traced on 2026-12-07: three
     * reservations, then three failures each committed in turn, then reads that saw the state after
     * the first failure only). No write was lost: a version column saw no stale update. It is the
     * database's read that lags, as in H2's own reports of its "modification id" and
     * committed-transactions races. The guard never runs on an embedded H2 file by default
     * (login.guard=auto picks memory there); docs/deployment.md points shared nodes to PostgreSQL.
     */
    @Override
    @Test
    @Disabled("H2 returns a stale row under load here; the same test runs on PostgreSQL (see the comment)")
    void aCrowdOfWrongGuessesOnTwoNodesGetsMaxFailuresChecksAndLocksTheName() {
    }
}
