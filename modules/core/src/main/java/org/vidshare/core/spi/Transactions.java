package org.vidshare.core.spi;

import jakarta.persistence.EntityManager;

/** One transaction per unit of work, with no long-lived EntityManager. */
public interface Transactions {
    /** Runs {@code work} in a new transaction; commits on return, rolls back on any exception. */
    <T> T inTransaction(Work<T> work) throws CommandException;

    /** Work done with an EntityManager inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(EntityManager em) throws CommandException;
    }
}
