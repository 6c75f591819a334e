package org.vidshare.server.storage;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.server.persistence.TestDatabase;

/** Partial upload leases on a real H2 file. */
class H2PartialLeasesTest extends DatabasePartialLeasesTest {
    @TempDir
    Path dbDir;

    @BeforeEach
    void openDatabase() {
        use(TestDatabase.h2(dbDir));
    }
}
