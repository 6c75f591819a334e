package org.vidshare.server.storage;

import org.junit.jupiter.api.BeforeEach;
import org.vidshare.server.persistence.TestDatabase;

/** Partial upload leases on a real PostgreSQL (skipped without VIDSHARE_TEST_POSTGRES). */
class PostgresPartialLeasesTest extends DatabasePartialLeasesTest {
    @BeforeEach
    void openDatabase() throws Exception {
        use(TestDatabase.postgres());
    }
}
