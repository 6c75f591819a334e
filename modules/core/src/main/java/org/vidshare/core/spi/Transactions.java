package org.vidshare.core.spi;

import jakarta.persistence.EntityManager;

/** One transaction per unit of work, with no long-lived EntityManager. */
public interface Transactions {
    /** Runs {@code work} in a new transaction; commits on return, rolls back on any exception. */
    <T> T inTransaction(Work<T> work) throws CommandException;

    /**
     * A number that grows once a transaction run here that created, changed or deleted rows of
     * {@code entity} has committed: an in-memory copy of such rows, built after reading this value,
     * is current for this server while the value stays. Writes made by other servers on the same
     * database (or by anything else that reaches it) are not counted: a cache must also expire.
     */
    long writeVersion(Class<?> entity);

    /**
     * Called before anything that may wait: a lock another thread holds while it reads, the database
     * ({@link #inTransaction} calls it first). For a command answered on a network thread
     * ({@link CommandSpec#fromMemory}) it ends the attempt there, by an exception the handler must let
     * pass: the request then runs again from the start on a worker, so a handler must change nothing
     * before this call. Anywhere else it returns at once.
     */
    default void mayWait() {
    }

    /** Work done with an EntityManager inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(EntityManager em) throws CommandException;
    }
}
