package org.vidshare.server.net;

import org.vidshare.core.spi.Transactions;

/**
 * Ends a request's attempt on a network thread ({@code CommandSpec.fromMemory}) where it would wait
 * ({@link Transactions#mayWait}, a password hash): the dispatcher hands the request to a worker,
 * which runs it again from the start. Thrown often (a cache that expired), so without a stack trace.
 */
final class MoveToWorker extends RuntimeException {
    static final MoveToWorker INSTANCE = new MoveToWorker();

    private MoveToWorker() {
        super("the request needs a worker", null, false, false);
    }

    /** The transactions of a request on a network thread: the first wait moves it to a worker. */
    static Transactions guard(Transactions transactions) {
        return new Transactions() {
            @Override
            public <T> T inTransaction(Work<T> work) {
                throw INSTANCE;
            }

            @Override
            public long writeVersion(Class<?> entity) {
                return transactions.writeVersion(entity);
            }

            @Override
            public void mayWait() {
                throw INSTANCE;
            }
        };
    }
}
