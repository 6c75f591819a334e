package org.vidshare.e2e;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;

/**
 * One server for all the tests of a class (default settings, or the class's {@link ServerSettings}), deleted with its data after the
 * last one. The field is shared by the subclasses, which is safe because test classes run one after
 * another (surefire's single fork, no JUnit parallel execution configured). A subclass's own
 * {@code @BeforeAll} runs after this one, so it may already use {@link #server}.
 */
abstract class OneServerPerClass {
    static TestServer server;

    @BeforeAll
    static void startServer(TestInfo test) {
        server = TestServer.start(settingsOf(test.getTestClass().orElseThrow()));
    }

    @AfterAll
    static void stopServer() {
        server.closeAndDelete();
    }

    private static Map<String, String> settingsOf(Class<?> testClass) {
        Map<String, String> overrides = new HashMap<>();
        ServerSettings settings = testClass.getAnnotation(ServerSettings.class);
        if (settings != null) {
            for (String setting : settings.value()) {
                int eq = setting.indexOf('=');
                if (eq < 1) {
                    throw new IllegalArgumentException("not key=value: " + setting + " on " + testClass);
                }
                overrides.put(setting.substring(0, eq), setting.substring(eq + 1));
            }
        }
        return overrides;
    }
}
