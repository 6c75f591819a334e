package org.vidshare.client.swing.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.swing.table.AbstractTableModel;

/**
 * The transfer queue of this window, newest last, each transfer on a background thread and a
 * connection of its own. Rows change on the {@code ui} executor; the window repaints countdowns
 * with a timer. A row stays the same row through pause, resume, retry and the automatic
 * reconnects. The unfinished ones (all but done and cancelled) are kept in a {@link TransferStore},
 * per server and account, so the next run can offer to resume them ({@link #restoreSaved}).
 */
public final class TransferListModel extends AbstractTableModel {
    /** Asked (on the ui executor) before a download would replace a file that is there already. */
    @FunctionalInterface
    public interface OverwritePrompt {
        enum Choice { OVERWRITE, KEEP_BOTH, CANCEL }

        Choice ask(Path existing);

        /** Never replaces: the new file gets the movie id in its name. */
        OverwritePrompt KEEP_BOTH = existing -> Choice.KEEP_BOTH;
    }

    private static final String[] COLUMNS = {"transfer.name", "transfer.kind", "transfer.state", "transfer.progress",
        "transfer.bytes", "transfer.rate", "transfer.left"};

    static {
        TransferTexts.define();
    }

    private final Connection connection;
    private final Executor ui;
    private final Texts texts;
    private final TransferStore store;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "vidshare-transfer");
        thread.setDaemon(true);
        return thread;
    });
    // Read from the transfers' threads too when the ui executor runs things directly (tests).
    private final List<Transfer> transfers = new CopyOnWriteArrayList<>();
    private final Map<Transfer, String> owners = new ConcurrentHashMap<>();
    private final Set<String> ownersSeen = ConcurrentHashMap.newKeySet();
    private final List<Runnable> finishedListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Transfer>> downloadDoneListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Message>> statusListeners = new CopyOnWriteArrayList<>();
    private volatile OverwritePrompt overwritePrompt = OverwritePrompt.KEEP_BOTH;

    /** A queue that is not kept between runs. */
    public TransferListModel(Connection connection, Executor ui, Texts texts) {
        this(connection, ui, texts, TransferStore.none());
    }

    public TransferListModel(Connection connection, Executor ui, Texts texts, TransferStore store) {
        this.connection = connection;
        this.ui = ui;
        this.texts = texts;
        this.store = store;
    }

    /** Called on the ui executor when a transfer's run ends (e.g. to reload the movie list after an upload). */
    public void onFinished(Runnable listener) {
        finishedListeners.add(listener);
    }

    /** Called on the ui executor when a download is complete (the window's notification). */
    public void onDownloadDone(Consumer<Transfer> listener) {
        downloadDoneListeners.add(listener);
    }

    /** Called on the ui executor with notes for the status bar (reconnects): never meant for a dialog. */
    public void onStatus(Consumer<Message> listener) {
        statusListeners.add(listener);
    }

    public void setOverwritePrompt(OverwritePrompt prompt) {
        this.overwritePrompt = prompt;
    }

    /**
     * A download of the movie into {@code dir} under its safe name. When a file of that name is
     * there, the prompt decides: replace it, keep both (the movie id goes into the new name), or
     * nothing (null). A movie already in the queue is not queued twice: its row is resumed.
     */
    public Transfer downloadInto(Path dir, long movieId, String name) {
        Optional<Transfer> queued = queuedDownloadOf(movieId, null);
        if (queued.isPresent()) {
            return resume(queued.get());
        }
        Path plain = dir.resolve(DownloadNames.safeName(name, movieId));
        Path target = plain;
        if (targetTaken(plain, movieId)) {
            // Another movie's download writes there: never replace a file that is being written.
            target = DownloadNames.target(dir, name, movieId, path -> targetTaken(path, movieId));
        } else if (Files.exists(plain)) {
            switch (overwritePrompt.ask(plain)) {
                case OVERWRITE -> target = plain;
                case KEEP_BOTH -> target = DownloadNames.target(dir, name, movieId, path -> targetTaken(path, movieId));
                default -> {
                    return null;
                }
            }
        }
        return start(Transfer.download(movieId, name, target, texts));
    }

    /** A download of the movie into exactly {@code target}; the movie's row if it is queued there already. */
    public Transfer download(long movieId, String name, Path target) {
        Optional<Transfer> queued = queuedDownloadOf(movieId, target);
        return queued.isPresent() ? resume(queued.get()) : start(Transfer.download(movieId, name, target, texts));
    }

    public Transfer upload(Path source, boolean free) {
        return start(Transfer.upload(source, free, texts));
    }

    /** Several uploads at once (a multi-selection, files dropped on the window), each its own row. */
    public List<Transfer> uploadAll(List<Path> sources, boolean free) {
        List<Transfer> started = new ArrayList<>();
        for (Path source : sources) {
            if (Files.isRegularFile(source)) {
                started.add(upload(source, free));
            }
        }
        return started;
    }

    /** Resumes a paused transfer or retries a failed one, on the same row (a running one: nothing). */
    public Transfer resume(Transfer transfer) {
        if (transfer.state().resumable() && transfer.startRun()) {
            run(transfer);
        }
        return transfer;
    }

    public void pause(Transfer transfer) {
        transfer.pause();
    }

    /** Stops the transfer for good; a download's partial is deleted. */
    public void cancel(Transfer transfer) {
        transfer.cancel();
    }

    /** Resumes every paused or failed transfer of the list. */
    public void resumeAll(List<Transfer> list) {
        list.forEach(this::resume);
    }

    /** Takes the done and cancelled rows out of the list (ui executor). */
    public void clearFinished() {
        for (int row = transfers.size() - 1; row >= 0; row--) {
            if (!transfers.get(row).state().queued()) {
                owners.remove(transfers.remove(row));
                fireTableRowsDeleted(row, row);
            }
        }
        persist();
    }

    /**
     * The transfers an earlier run of the client left unfinished for this server and the signed-in
     * account, added as paused rows (once: those already in the list are skipped). The caller asks
     * whether to {@link #resumeAll resume} them.
     */
    public List<Transfer> restoreSaved() {
        String owner = owner();
        if (owner == null) {
            return List.of();
        }
        List<Transfer> restored = new ArrayList<>();
        for (TransferStore.Entry entry : store.entriesOf(connection.address(), owner)) {
            boolean listed = transfers.stream().anyMatch(t -> t.kind() == entry.kind() && t.file().equals(entry.file())
                    && t.movieId() == entry.movieId() && t.state().queued());
            if (!listed) {
                Transfer transfer = Transfer.restored(entry, texts);
                add(transfer, owner);
                restored.add(transfer);
            }
        }
        return restored;
    }

    /** Transfers moving or about to (not paused, not over): what a closing window warns about. */
    public long activeCount() {
        return transfers.stream().filter(t -> t.state().active()).count();
    }

    private Optional<Transfer> queuedDownloadOf(long movieId, Path target) {
        return transfers.stream().filter(t -> t.kind() == Transfer.Kind.DOWNLOAD && t.movieId() == movieId
                && (target == null || t.file().equals(target)) && t.state().queued())
                .findFirst();
    }

    private Transfer start(Transfer transfer) {
        add(transfer, owner());
        transfer.startRun();
        run(transfer);
        return transfer;
    }

    private void add(Transfer transfer, String owner) {
        transfer.onChange(t -> ui.execute(() -> changed(t)));
        transfer.onStatus(note -> ui.execute(() -> statusListeners.forEach(l -> l.accept(note))));
        if (owner != null) {
            owners.put(transfer, owner);
            ownersSeen.add(owner);
        }
        transfers.add(transfer);
        int row = transfers.size() - 1;
        ui.execute(() -> {
            fireTableRowsInserted(row, row);
            persist();
        });
    }

    private void run(Transfer transfer) {
        workers.execute(() -> transfer.run(connection));
        transfer.finished().thenAcceptAsync(done -> {
            finishedListeners.forEach(Runnable::run);
            if (done.state() == Transfer.State.DONE && done.kind() == Transfer.Kind.DOWNLOAD) {
                downloadDoneListeners.forEach(l -> l.accept(done));
            }
        }, ui);
    }

    private void changed(Transfer transfer) {
        int row = transfers.indexOf(transfer);
        if (row >= 0) {
            fireTableRowsUpdated(row, row);
        }
        persist();
    }

    /** Writes the unfinished transfers of every account this window had (the store skips a write that changes nothing). */
    private void persist() {
        for (String owner : new LinkedHashSet<>(ownersSeen)) {
            List<TransferStore.Entry> entries = transfers.stream()
                    .filter(t -> owner.equals(owners.get(t)) && t.state().queued())
                    .map(t -> t.entry(connection.address(), owner)).toList();
            store.save(connection.address(), owner, entries);
        }
    }

    /** "name/user_type" of the signed-in account, which owns the transfers started now; null when signed out. */
    private String owner() {
        Connection.Account account = connection.account();
        return account == null ? null : account.name() + "/" + account.userType();
    }

    /** Whether an unfinished download of another movie writes to {@code target}. */
    public boolean targetTaken(Path target, long movieId) {
        return transfers.stream().anyMatch(t -> t.kind() == Transfer.Kind.DOWNLOAD && !t.state().finished()
                && t.movieId() != movieId && t.file().equals(target));
    }

    public List<Transfer> transfers() {
        return List.copyOf(transfers);
    }

    public Transfer transfer(int row) {
        return transfers.get(row);
    }

    /**
     * The window closes: the queue is written as it stands and the running transfers are paused
     * (their partials stay), so the next run offers to resume them.
     */
    public void shutdown() {
        persist();
        transfers.forEach(Transfer::pause);
        workers.shutdown();
    }

    @Override
    public int getRowCount() {
        return transfers.size();
    }

    @Override
    public int getColumnCount() {
        return COLUMNS.length;
    }

    @Override
    public String getColumnName(int column) {
        return texts.get(COLUMNS[column]);
    }

    @Override
    public Class<?> getColumnClass(int column) {
        return column == 3 ? Double.class : String.class;
    }

    @Override
    public Object getValueAt(int row, int column) {
        Transfer t = transfers.get(row);
        return switch (column) {
            case 0 -> t.name();
            case 1 -> texts.get(t.kind() == Transfer.Kind.DOWNLOAD ? "transfer.download" : "transfer.upload");
            case 2 -> t.stateText();
            case 3 -> t.fraction();
            case 4 -> t.bytesTotal() > 0 ? Formats.size(t.bytesDone()) + " / " + Formats.size(t.bytesTotal())
                    : t.bytesDone() > 0 ? Formats.size(t.bytesDone()) : "";
            // A speed only while the bytes flow, and the last one of a finished run; not while waiting or retrying.
            case 5 -> t.state() == Transfer.State.RUNNING || t.state().finished() ? Formats.rate(t.rate()) : "";
            default -> Formats.duration(t.secondsLeft());
        };
    }
}
