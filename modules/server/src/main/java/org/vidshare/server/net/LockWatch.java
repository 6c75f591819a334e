package org.vidshare.server.net;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.Transactions;

/**
 * Ends the sessions of accounts an admin locked on another node: every second, one query asks which
 * of the accounts with a live session here are locked. The node where the lock happened ends them at
 * once; the others within the period (several nodes on one database need no shared session store).
 */
public final class LockWatch {
    private static final Logger LOG = LoggerFactory.getLogger(LockWatch.class);
    private static final long PERIOD_MS = 1000;
    /** Ids per query: an IN list of bounded length. */
    private static final int BATCH = 500;

    private final SessionRegistry sessions;
    private final Transactions transactions;

    public LockWatch(SessionRegistry sessions, Transactions transactions) {
        this.sessions = sessions;
        this.transactions = transactions;
    }

    public void start(ScheduledExecutorService scheduler) {
        scheduler.scheduleWithFixedDelay(this::check, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    void check() {
        List<Long> live = new ArrayList<>(sessions.accounts());
        try {
            for (int from = 0; from < live.size(); from += BATCH) {
                List<Long> batch = live.subList(from, Math.min(live.size(), from + BATCH));
                for (long userId : transactions.inTransaction(em -> em.createQuery(
                        "SELECT u.id FROM User u WHERE u.locked = true AND u.id IN :ids", Long.class)
                        .setParameter("ids", batch).getResultList())) {
                    LOG.info("ending the sessions of locked account {} (locked on another node)", userId);
                    sessions.endAllOf(userId);
                }
            }
        } catch (CommandException | RuntimeException e) {
            // The database is away for a moment: the next period tries again.
            LOG.warn("cannot check for locked accounts: {}", e.toString());
        }
    }
}
