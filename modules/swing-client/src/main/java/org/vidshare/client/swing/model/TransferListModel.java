package org.vidshare.client.swing.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.swing.table.AbstractTableModel;

/**
 * The transfers of this window, newest last, each on a background thread and a connection of
 * its own. Rows change on the {@code ui} executor; the window repaints countdowns with a timer.
 */
public final class TransferListModel extends AbstractTableModel {
    private static final String[] COLUMNS = {"transfer.name", "transfer.kind", "transfer.state", "transfer.progress",
        "transfer.bytes", "transfer.rate", "transfer.left"};

    private final Connection connection;
    private final Executor ui;
    private final Texts texts;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "vidshare-transfer");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Transfer> transfers = new ArrayList<>(); // EDT (ui executor) only
    private final List<Runnable> finishedListeners = new ArrayList<>();

    public TransferListModel(Connection connection, Executor ui, Texts texts) {
        this.connection = connection;
        this.ui = ui;
        this.texts = texts;
    }

    /** Called on the ui executor when a transfer ends (e.g. to reload the movie list after an upload). */
    public void onFinished(Runnable listener) {
        finishedListeners.add(listener);
    }

    public Transfer download(long movieId, String name, Path target) {
        return start(Transfer.download(movieId, name, target, texts));
    }

    public Transfer upload(Path source, boolean free) {
        return start(Transfer.upload(source, free, texts));
    }

    /** Starts a cancelled or failed transfer again from its partial. */
    public Transfer resume(Transfer old) {
        return start(old.again());
    }

    private Transfer start(Transfer transfer) {
        transfer.onChange(t -> ui.execute(() -> changed(t)));
        ui.execute(() -> {
            transfers.add(transfer);
            fireTableRowsInserted(transfers.size() - 1, transfers.size() - 1);
        });
        workers.execute(() -> transfer.run(connection));
        transfer.finished().thenRunAsync(() -> finishedListeners.forEach(Runnable::run), ui);
        return transfer;
    }

    private void changed(Transfer transfer) {
        int row = transfers.indexOf(transfer);
        if (row >= 0) {
            fireTableRowsUpdated(row, row);
        }
    }

    /** Whether an unfinished download of another movie writes to {@code target} (ui executor). */
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

    public void shutdown() {
        transfers.forEach(Transfer::cancel);
        workers.shutdownNow();
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
            case 4 -> t.bytesTotal() > 0 ? Formats.size(t.bytesDone()) + " / " + Formats.size(t.bytesTotal()) : "";
            case 5 -> Formats.rate(t.rate());
            default -> Formats.duration(t.secondsLeft());
        };
    }
}
