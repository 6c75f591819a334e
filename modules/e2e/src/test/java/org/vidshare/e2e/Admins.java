package org.vidshare.e2e;

import java.io.IOException;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

/** Admin accounts for tests: the first admin registers itself; every further admin is registered by it. */
final class Admins {
    static final String FIRST = "boss";

    private Admins() {
    }

    /** A fresh connection logged in as the admin {@code name}, registered first if needed. */
    static VidShareClient loggedIn(TestServer server, String name) throws IOException {
        if (name.equals(FIRST)) {
            // The first admin registers itself (loopback); TestServer.loggedIn takes its later forbidden as "exists".
            return server.loggedIn(FIRST, "admin");
        }
        try (VidShareClient boss = loggedIn(server, FIRST)) {
            ClientReply registered = TestServer.register(boss, name, "admin");
            if (!registered.ok() && !"conflict".equals(registered.code())) {
                throw new IllegalStateException("admin register failed: " + registered);
            }
        }
        VidShareClient client = server.client();
        ClientReply login = client.login(name, TestServer.PASSWORD);
        if (!login.ok()) {
            throw new IllegalStateException("login failed: " + login);
        }
        return client;
    }
}
