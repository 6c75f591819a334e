package org.vidshare.core.spi;

/**
 * Salted slow hashing of the md5-hex password the clients send, as one request sees it. The server runs
 * every hash on its own bounded pool and charges the request's address (docs/security.md, Password
 * hashing): a full pool, or an address over its limits, is {@code too_many_requests}. Do every cheap
 * check (input rules, name taken, role rules) before the first hash.
 */
public interface PasswordHasher {
    String hash(String md5Hex) throws CommandException;

    boolean matches(String md5Hex, String stored) throws CommandException;

    /** Whether a stored hash is weaker than the server hashes now (fewer iterations): a login re-hashes it. */
    boolean isOutdated(String stored);
}
