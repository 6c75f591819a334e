package org.vidshare.core.spi;

/**
 * The failure limits of docs/protocol.md (Sessions and roles): a failure lock per name and address (failures
 * of a name from one address lock it for that address only) and a per-address limit.
 * Shared by login and change_password, owned by the server.
 */
public interface LoginGuard {
    /** Throws {@code too_many_requests} when the address has too many recent failures. */
    void checkAddress(String address) throws CommandException;

    /** Throws {@code locked} while the name is failure-locked for this address. */
    void checkName(String name, String address) throws CommandException;

    /**
     * Starts one password check for the name from the address. Throws {@code locked} while the name is
     * failure-locked for the address, and {@code too_many_requests} while as many checks of the name
     * from the address are already running as it has failures left there: a check and the failure it
     * may record are one step, so guesses sent in parallel on many connections of one address never
     * get more password checks than {@code login.max-failures}.
     * End the attempt with {@link Attempt#failed} or {@link Attempt#succeeded}, or just close it.
     */
    Attempt begin(String name, String address) throws CommandException;

    /** Counts one failure for the name on the address and one for the address. */
    void recordFailure(String name, String address);

    /** A login that returned a session: the name's count on that address starts again. */
    void recordSuccess(String name, String address);

    /** Clears the name's failure locks on every address (unlock_user). */
    void clear(String name);

    /** One running password check of a name; use with try-with-resources. */
    interface Attempt extends AutoCloseable {
        /** A wrong password: one failure for the name on the address and one for the address. */
        void failed();

        /** A login that returned a session: the name's count on the address starts again. */
        void succeeded();

        /** Ends the attempt; without failed or succeeded it counts nothing (e.g. wrong user type). */
        @Override
        void close();
    }
}
