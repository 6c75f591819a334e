package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.Wire.assertCode;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vidshare.client.VidShareClient;

/**
 * The role gate of the dispatcher, for every loaded plugin: what a role is offered in
 * {@code features} is what it may run; everything else is {@code not_logged_in} without a session
 * and {@code forbidden} with the wrong role, before any validation of the request.
 */
class RolesTest extends OneServerPerClass {
    private static Set<String> publicTypes;
    private static Set<String> userTypes;
    private static Set<String> adminTypes;

    @BeforeAll
    static void start() throws Exception {
        try (VidShareClient anonymous = server.raw()) {
            publicTypes = types(anonymous.hello("en").list("features"));
        }
        try (VidShareClient user = server.loggedIn("roles-user", "user")) {
            userTypes = types(user.hello("en").list("features"));
        }
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
            adminTypes = types(admin.hello("en").list("features"));
        }
    }

    @Test
    void everyRoleSeesThePublicFeaturesAndAccountsSeeTheirOwn() {
        assertThat(publicTypes).contains("register", "login", "ping").doesNotContain("hello", "whoami");
        assertThat(userTypes).containsAll(publicTypes).contains("whoami", "logout", "change_password");
        assertThat(adminTypes).containsAll(publicTypes).contains("whoami", "logout", "change_password");
        // The three roles really differ once admin plugins are loaded.
        assertThat(adminTypes).isNotEqualTo(userTypes);
    }

    @Test
    void withoutASessionEveryNonPublicCommandIsNotLoggedIn() throws Exception {
        Set<String> gated = new HashSet<>(userTypes);
        gated.addAll(adminTypes);
        gated.removeAll(publicTypes);
        assertThat(gated).isNotEmpty();
        try (VidShareClient anonymous = server.client()) {
            for (String type : gated) {
                assertThat(anonymous.call(probe(type)).code()).as(type).isEqualTo("not_logged_in");
            }
            assertCode(Wire.ping(anonymous), "ok");
        }
    }

    @Test
    void aUserGetsForbiddenForEveryAdminOnlyCommand() throws Exception {
        Set<String> adminOnly = new HashSet<>(adminTypes);
        adminOnly.removeAll(userTypes);
        try (VidShareClient user = server.loggedIn("roles-user", "user")) {
            for (String type : adminOnly) {
                assertThat(user.call(probe(type)).code()).as(type).isEqualTo("forbidden");
                // A claimed role in the request changes nothing.
                assertThat(user.call(probe(type, "user_type", "admin")).code()).as(type).isEqualTo("forbidden");
            }
            assertCode(Wire.whoami(user), "ok");
        }
    }

    @Test
    void anAdminGetsForbiddenForCommandsOfCustomersOnly() throws Exception {
        Set<String> customerOnly = new HashSet<>(userTypes);
        customerOnly.removeAll(adminTypes);
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
            for (String type : customerOnly) {
                assertThat(admin.call(probe(type)).code()).as(type).isEqualTo("forbidden");
            }
            assertCode(Wire.whoami(admin), "ok");
        }
    }

    @Test
    void theLoginReplyListsTheSameFeaturesAsHelloAfterIt() throws Exception {
        try (VidShareClient user = server.client()) {
            Set<String> fromLogin = types(Wire.login(user, "roles-user", TestServer.PASSWORD).list("features"));
            assertThat(fromLogin).isEqualTo(userTypes);
        }
        try (VidShareClient admin = server.client()) {
            Set<String> fromLogin = types(Wire.login(admin, Admins.FIRST, TestServer.PASSWORD).list("features"));
            assertThat(fromLogin).isEqualTo(adminTypes);
        }
    }

    /** A request of the type with no real arguments: the role gate must answer before validation. */
    private static Map<String, Object> probe(String type, Object... extra) {
        // file_size 0 keeps an upload header payload-free, so the frame is well-formed.
        Map<String, Object> request = Wire.request("type", type, "file_size", 0);
        for (int i = 0; i < extra.length; i += 2) {
            request.put((String) extra[i], extra[i + 1]);
        }
        return request;
    }

    private static Set<String> types(List<JsonNode> features) {
        return new HashSet<>(Wire.featureTypes(features));
    }
}
