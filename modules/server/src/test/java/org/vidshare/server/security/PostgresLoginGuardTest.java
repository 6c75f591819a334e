package org.vidshare.server.security;

import org.junit.jupiter.api.BeforeEach;
import org.vidshare.server.persistence.TestDatabase;

/** The database login guard on a real PostgreSQL (skipped without VIDSHARE_TEST_POSTGRES). */
class PostgresLoginGuardTest extends DatabaseLoginGuardTest {
    @BeforeEach
    void openDatabase() throws Exception {
        use(TestDatabase.postgres());
    }
}
