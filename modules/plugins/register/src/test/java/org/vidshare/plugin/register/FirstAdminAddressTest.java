package org.vidshare.plugin.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/**
 * The "first admin only from loopback" address check. End-to-end tests reach the server only over
 * loopback, so the refusing branch is proven here.
 */
class FirstAdminAddressTest {
    @Test
    void loopbackPeersMayCreateTheFirstAdmin() throws Exception {
        for (String address : new String[] {"127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"}) {
            assertThat(RegisterHandler.mayCreateFirstAdmin(InetAddress.getByName(address))).as(address).isTrue();
        }
    }

    @Test
    void networkPeersMayNot() throws Exception {
        for (String address : new String[] {"10.0.0.1", "192.168.1.20", "203.0.113.5", "0.0.0.0", "::",
                "2001:db8::1", "fe80::1", "::ffff:10.0.0.1", "128.0.0.1"}) {
            assertThat(RegisterHandler.mayCreateFirstAdmin(InetAddress.getByName(address))).as(address).isFalse();
        }
        assertThat(RegisterHandler.mayCreateFirstAdmin(null)).isFalse();
    }
}
