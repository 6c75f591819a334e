package org.vidshare.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh server with the default settings for each test, deleted with its data after it: for tests
 * that need an empty database (a first admin, a restart). A subclass's own {@code @BeforeEach} runs
 * after this one.
 */
abstract class OneServerPerTest {
    TestServer server;

    @BeforeEach
    void startServer() {
        server = TestServer.start();
    }

    @AfterEach
    void stopServer() {
        server.closeAndDelete();
    }
}
