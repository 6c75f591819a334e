package org.vidshare.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.vidshare.core.spi.AddressKey;

/** The per-address limits count IPv4 addresses one by one and IPv6 peers by their /64. */
class AddressKeyTest {
    @Test
    void ipv4AddressesAreTheirOwnKeys() throws Exception {
        assertThat(AddressKey.of(InetAddress.getByName("192.0.2.7"))).isEqualTo("192.0.2.7");
        assertThat(AddressKey.of(InetAddress.getByName("192.0.2.8"))).isNotEqualTo(AddressKey.of(InetAddress.getByName("192.0.2.7")));
    }

    @Test
    void ipv6AddressesOfOneSlash64ShareAKey() throws Exception {
        String one = AddressKey.of(InetAddress.getByName("2001:db8:1:2::1"));
        assertThat(AddressKey.of(InetAddress.getByName("2001:db8:1:2:ffff:ffff:ffff:ffff"))).isEqualTo(one);
        assertThat(AddressKey.of(InetAddress.getByName("2001:db8:1:3::1"))).isNotEqualTo(one);
        assertThat(one).isEqualTo("2001:db8:1:2:0:0:0:0/64");
    }

    @Test
    void anIpv4MappedAddressCountsAsItsIpv4Address() throws Exception {
        // Java turns ::ffff:a.b.c.d into the IPv4 address itself: a dual-stack listener counts it as IPv4.
        assertThat(AddressKey.of(InetAddress.getByName("::ffff:192.0.2.7"))).isEqualTo("192.0.2.7");
    }
}
