package org.vidshare.core.spi;

/** Salted slow hashing of the md5-hex password the clients send. */
public interface PasswordHasher {
    String hash(String md5Hex);

    boolean matches(String md5Hex, String stored);
}
