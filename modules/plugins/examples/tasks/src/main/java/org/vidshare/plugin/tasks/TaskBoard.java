package org.vidshare.plugin.tasks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tasks of every account, in memory (an example: they end with the server). One board per
 * plugin layer, shared by the module's three handlers; thread-safe, as handlers run on workers.
 */
final class TaskBoard {
    static final TaskBoard INSTANCE = new TaskBoard();
    static final int MAX_TASKS_PER_ACCOUNT = 500;

    record Task(long id, String title, Instant created, boolean done) {
    }

    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, ConcurrentSkipListMap<Long, Task>> byAccount = new ConcurrentHashMap<>();

    private TaskBoard() {
    }

    /** The new task, or null when the account already has {@link #MAX_TASKS_PER_ACCOUNT}. */
    Task add(long accountId, String title, Instant now) {
        ConcurrentSkipListMap<Long, Task> tasks = byAccount.computeIfAbsent(accountId, a -> new ConcurrentSkipListMap<>());
        synchronized (tasks) {
            if (tasks.size() >= MAX_TASKS_PER_ACCOUNT) {
                return null;
            }
            Task task = new Task(ids.incrementAndGet(), title, now, false);
            tasks.put(task.id(), task);
            return task;
        }
    }

    /** Marks the account's task done; false when the account has no such task. */
    boolean finish(long accountId, long taskId) {
        ConcurrentSkipListMap<Long, Task> tasks = byAccount.get(accountId);
        return tasks != null && tasks.computeIfPresent(taskId,
                (id, task) -> new Task(id, task.title(), task.created(), true)) != null;
    }

    /** The account's tasks, newest first. */
    List<Task> of(long accountId) {
        ConcurrentSkipListMap<Long, Task> tasks = byAccount.get(accountId);
        return tasks == null ? List.of() : new ArrayList<>(tasks.descendingMap().values());
    }
}
