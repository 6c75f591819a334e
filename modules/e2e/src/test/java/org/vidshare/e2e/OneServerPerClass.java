package org.vidshare.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One server with the default settings for all the tests of a class, deleted with its data after the
 * last one. The field is shared by the subclasses, which is safe because test classes run one after
 * another (surefire's single fork, no JUnit parallel execution configured). A subclass's own
 * {@code @BeforeAll} runs after this one, so it may already use {@link #server}.
 */
abstract class OneServerPerClass {
    static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.closeAndDelete();
    }
}
