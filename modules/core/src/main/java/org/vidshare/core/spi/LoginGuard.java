package org.vidshare.core.spi;

/**
 * The failure limits of PROTOCOL.md section 4: a per-name failure lock and a per-address limit.
 * Shared by login and change_password, owned by the server.
 */
public interface LoginGuard {
    /** Throws {@code too_many_requests} when the address has too many recent failures. */
    void checkAddress(String address) throws CommandException;

    /** Throws {@code locked} while the name is failure-locked. */
    void checkName(String name) throws CommandException;

    /** Counts one failure for the name and one for the address. */
    void recordFailure(String name, String address);

    /** A login that returned a session: the name's count starts again. */
    void recordSuccess(String name);

    /** Clears the name's failure lock (unlock_user). */
    void clear(String name);
}
