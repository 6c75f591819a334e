package org.vidshare.server.security;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
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
}
