package org.vidshare.core.spi;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The one function that says which peers count as one for the per-address limits (connections,
 * logins, hashed requests): an IPv4 address as itself, an IPv6 address by its /64, since one
 * customer line gets a whole /64 and could otherwise take a fresh address for every attempt.
 */
public final class AddressKey {
    private static final int IPV6_PREFIX_BYTES = 8;

    private AddressKey() {
    }

    /** {@code 192.0.2.7} for IPv4; {@code 2001:db8:1:2:0:0:0:0/64} for any address of that IPv6 /64. */
    public static String of(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] prefix = Arrays.copyOf(Arrays.copyOf(address.getAddress(), IPV6_PREFIX_BYTES), 16);
        try {
            return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }
}
