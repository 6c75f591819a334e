package org.vidshare.core.spi;

import java.nio.file.Path;

/**
 * Who may write which partial upload (docs/deployment.md, partial uploads): one holder at a time
 * across every node on the database, for as long as its node renews the lease (it does while the
 * upload is open); a node that dies leaves a lease that expires. No sweep removes a partial whose
 * lease is live.
 */
public interface PartialLeases {
    /**
     * The lease on {@code partial} for one upload (or one sweep). Throws {@code conflict}, without a
     * {@code movie_id}, while another holder's lease is live: that upload goes on, on this node or another.
     */
    Lease acquire(Path partial) throws CommandException;

    /** A lease on one partial; use with try-with-resources. */
    interface Lease extends AutoCloseable {
        /**
         * Whether the holder may still write: not released, and renewed within the lease time (past
         * it another node may take the partial over, so a holder that could not renew stops).
         */
        boolean held();

        /** Renews now and says whether the lease is still this holder's: the check before publishing. */
        boolean confirm();

        /** Releases the lease: the partial stays for a resume on any node. */
        @Override
        void close();

        /** Releases the lease and deletes the partial's row: the partial was published or deleted. */
        void forget();
    }
}
