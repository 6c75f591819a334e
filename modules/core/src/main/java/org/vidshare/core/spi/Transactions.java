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

    /** Work done with an EntityManager inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(EntityManager em) throws CommandException;
    }
}
