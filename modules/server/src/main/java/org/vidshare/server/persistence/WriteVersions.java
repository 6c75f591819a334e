package org.vidshare.server.persistence;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;
import org.eclipse.persistence.sessions.UnitOfWork;
import org.eclipse.persistence.sessions.changesets.ObjectChangeSet;
import org.eclipse.persistence.sessions.changesets.UnitOfWorkChangeSet;

/**
 * {@link org.vidshare.core.spi.Transactions#writeVersion}: per entity class, how many committed
 * transactions of this server changed its rows. EclipseLink tells which classes a unit of work
 * wrote (its change set, as it commits); the version moves only once {@link Database#inTransaction}
 * has seen the commit return, so a cache rebuilt meanwhile reads the new rows or is already stale.
 * Bulk JPQL updates and deletes have no change set and are not counted: none touches a cached entity.
 */
final class WriteVersions extends SessionEventAdapter {
    /** The entity classes the current thread's committing unit of work wrote. */
    private static final ThreadLocal<Set<String>> WRITTEN = ThreadLocal.withInitial(HashSet::new);

    private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();

    long of(Class<?> entity) {
        AtomicLong version = versions.get(entity.getName());
        return version == null ? 0 : version.get();
    }

    /** Runs on the committing thread, inside the commit. */
    @Override
    public void postCommitUnitOfWork(SessionEvent event) {
        if (!(event.getSession() instanceof UnitOfWork unitOfWork)) {
            return;
        }
        UnitOfWorkChangeSet changes = unitOfWork.getUnitOfWorkChangeSet();
        if (changes == null) {
            return;
        }
        Set<String> written = WRITTEN.get();
        for (Object change : changes.getAllChangeSets().keySet()) {
            written.add(((ObjectChangeSet) change).getClassName());
        }
        for (Object change : changes.getDeletedObjects().keySet()) {
            written.add(((ObjectChangeSet) change).getClassName());
        }
    }

    /** After a transaction of this thread ended (committed or not): counts what it wrote. */
    void transactionEnded() {
        Set<String> written = WRITTEN.get();
        if (written.isEmpty()) {
            return;
        }
        for (String entity : written) {
            versions.computeIfAbsent(entity, e -> new AtomicLong()).incrementAndGet();
        }
        written.clear();
    }
}
