package org.vidshare.server.storage;

import jakarta.persistence.Query;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.PartialLeases;
import org.vidshare.core.spi.Transactions;
import org.vidshare.domain.UniqueKeys;
import org.vidshare.domain.UploadLease;

/**
 * Partial upload leases in the database ({@link UploadLease}, one row per partial), so that the
 * nodes on one database agree on who writes a partial on their shared storage. A lease is taken in
 * one transaction (an expired or released row is taken over by a conditional update; a missing one
 * is inserted, and of two nodes inserting at once the primary key admits one), renewed by this node
 * every third of the lease time while its upload is open, and released when the upload ends
 * (the connection closed, the payload done). Releases and renewals run on the timer thread: a
 * payload's network thread never waits for the database. The lease time is compared with each
 * node's clock, so the nodes' clocks must agree to well within it (NTP).
 */
public final class DatabasePartialLeases implements PartialLeases, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DatabasePartialLeases.class);
    /** Far above a renewal's delay on a busy database, short enough for a takeover after a crash. */
    public static final Duration LEASE_TIME = Duration.ofSeconds(30);
    /** Who holds a lease this node could not take, and until when. */
    private record OtherHolder(String holder, long expiry) {
    }

    private final Transactions transactions;
    private final Clock clock;
    private final long leaseMillis;
    private final Executor background;
    /** The background thread this owns, or null when given one (tests). */
    private final ExecutorService ownBackground;
    /** Numbers this process's lease facilities: one per server, several in a test of two "nodes". */
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** This node in the holder column: host, process and facility (a holder adds its upload's id). */
    private final String node = nodeName() + "#" + INSTANCES.incrementAndGet();
    private final Set<NodeLease> live = ConcurrentHashMap.newKeySet();

    /** Leases of {@link #LEASE_TIME}, released on a thread of their own. */
    public DatabasePartialLeases(Transactions transactions, Clock clock) {
        this(transactions, clock, LEASE_TIME, Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "vidshare-lease-release");
            thread.setDaemon(true);
            return thread;
        }), true);
    }

    /** Leases of {@code leaseTime}, released through {@code background}. */
    DatabasePartialLeases(Transactions transactions, Clock clock, Duration leaseTime, Executor background) {
        this(transactions, clock, leaseTime, background, false);
    }

    private DatabasePartialLeases(Transactions transactions, Clock clock, Duration leaseTime, Executor background,
                                  boolean owned) {
        this.transactions = transactions;
        this.clock = clock;
        this.leaseMillis = leaseTime.toMillis();
        this.background = background;
        this.ownBackground = owned ? (ExecutorService) background : null;
    }

    /**
     * Lets the releases already asked for reach the database (bounded: a lease not released expires
     * anyway), so that after a graceful stop another node resumes the uploads at once.
     */
    @Override
    public void close() {
        if (ownBackground == null) {
            return;
        }
        ownBackground.shutdown();
        try {
            if (!ownBackground.awaitTermination(5, TimeUnit.SECONDS)) {
                ownBackground.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends every lease in the database: for a node that alone uses its database (an embedded H2 file),
     * whose leases at start can only be those of its own previous run, killed mid-upload; its
     * uploads resume at once instead of after the lease time.
     */
    public int releaseAllAtStart() throws CommandException {
        int released = transactions.inTransaction(em -> em.createQuery(
                "UPDATE UploadLease l SET l.leaseExpiry = 0 WHERE l.leaseExpiry > 0").executeUpdate());
        if (released > 0) {
            LOG.info("released {} partial upload lease(s) of this node's previous run", released);
        }
        return released;
    }

    /** Renews this node's open leases every third of the lease time. */
    public void start(ScheduledExecutorService scheduler) {
        long every = Math.max(1, leaseMillis / 3);
        scheduler.scheduleWithFixedDelay(this::renewAll, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public Lease acquire(Path partial) throws CommandException {
        String name = partial.getFileName().toString();
        String holder = node + " " + UUID.randomUUID();
        long now = clock.millis();
        long until = now + leaseMillis;
        OtherHolder other;
        try {
            // null: this upload got the lease.
            other = transactions.inTransaction(em -> {
                int taken = em.createQuery("UPDATE UploadLease l SET l.leaseHolder = :holder, l.leaseExpiry = :until"
                                + " WHERE l.partialName = :name AND l.leaseExpiry <= :now")
                        .setParameter("holder", holder).setParameter("until", until)
                        .setParameter("name", name).setParameter("now", now)
                        .executeUpdate();
                if (taken == 1) {
                    return null;
                }
                UploadLease row = em.find(UploadLease.class, name);
                if (row != null) {
                    return new OtherHolder(row.getLeaseHolder(), row.getLeaseExpiry());
                }
                em.persist(new UploadLease(name, holder, until));
                em.flush();
                return null;
            });
        } catch (RuntimeException e) {
            if (!UniqueKeys.violatedBy(e)) {
                throw e;
            }
            // Another node inserted the row a moment before: its upload holds the lease now.
            other = new OtherHolder("", until);
        }
        if (other != null) {
            long seconds = retryAfterSeconds(other, now);
            throw new CommandException(ErrorCode.CONFLICT, "该上传正在另一个连接(或另一个节点)上进行,请 " + seconds + " 秒后重试",
                    "This upload is in progress on another connection or node; retry in " + seconds + " s")
                    .with("retry_after_s", seconds);
        }
        NodeLease lease = new NodeLease(name, holder, until);
        live.add(lease);
        return lease;
    }

    /**
     * When to try again: the lease's remaining term, except for a holder on this node. That one is
     * another connection here: mostly one whose close is running (a stall cut, a client that dropped
     * it and resumes at once) with its release a few ms away on the release thread, else the same
     * upload sent twice at once. Either way a retry a second later costs one row read, and the
     * lease's full term (up to 30 s) would make a resume wait for nothing.
     */
    private long retryAfterSeconds(OtherHolder other, long now) {
        if (other.holder().startsWith(node + " ")) {
            return 1;
        }
        return Math.max(1, (other.expiry() - now + 999) / 1000);
    }

    /** One renewal round: every open lease of this node, one conditional update each. */
    void renewAll() {
        for (NodeLease lease : live) {
            try {
                lease.renew();
            } catch (CommandException | RuntimeException e) {
                // The database is away for a moment: the next round tries again, and the lease's
                // own time stops the writer if none succeeds in time.
                LOG.warn("cannot renew the lease on partial {}: {}", lease.name, e.toString());
            }
        }
    }

    /** How many leases this node holds open now (for tests). */
    int open() {
        return live.size();
    }

    private final class NodeLease implements Lease {
        private final String name;
        private final String holder;
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile boolean lost;
        /** Epoch milliseconds up to which this node may write: the last renewal's start plus the lease time. */
        private volatile long validUntil;

        NodeLease(String name, String holder, long validUntil) {
            this.name = name;
            this.holder = holder;
            this.validUntil = validUntil;
        }

        @Override
        public boolean held() {
            return !ended.get() && !lost && clock.millis() < validUntil;
        }

        @Override
        public boolean confirm() {
            try {
                return renew();
            } catch (CommandException | RuntimeException e) {
                LOG.warn("cannot confirm the lease on partial {}: {}", name, e.toString());
                return false;
            }
        }

        private boolean renew() throws CommandException {
            if (!held()) {
                return false;
            }
            long start = clock.millis();
            int renewed = transactions.inTransaction(em -> mine(em.createQuery("UPDATE UploadLease l"
                    + " SET l.leaseExpiry = :until WHERE l.partialName = :name AND l.leaseHolder = :holder"))
                    .setParameter("until", start + leaseMillis).executeUpdate());
            if (renewed == 1) {
                validUntil = start + leaseMillis;
                return true;
            }
            LOG.warn("lost the lease on partial {}: another node took it over", name);
            lost = true;
            return false;
        }

        @Override
        public void close() {
            end(now -> em -> mine(em.createQuery("UPDATE UploadLease l SET l.leaseExpiry = :now"
                    + " WHERE l.partialName = :name AND l.leaseHolder = :holder").setParameter("now", now)).executeUpdate());
        }

        @Override
        public void forget() {
            end(now -> em -> mine(em.createQuery(
                    "DELETE FROM UploadLease l WHERE l.partialName = :name AND l.leaseHolder = :holder")).executeUpdate());
        }

        private Query mine(Query query) {
            return query.setParameter("name", name).setParameter("holder", holder);
        }

        /** Ends the lease once: no more renewals here, and the row's change off the caller's thread. */
        private void end(LongFunction<Transactions.Work<Integer>> change) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            live.remove(this);
            Transactions.Work<Integer> work = change.apply(clock.millis());
            Runnable release = () -> {
                try {
                    transactions.inTransaction(work);
                } catch (CommandException | RuntimeException e) {
                    // Not released: the lease expires by itself within the lease time.
                    LOG.warn("cannot release the lease on partial {}: {}", name, e.toString());
                }
            };
            try {
                background.execute(release);
            } catch (RejectedExecutionException stopped) {
                // The server stops: the lease expires by itself within the lease time.
            }
        }
    }

    private static String nodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid();
    }
}
