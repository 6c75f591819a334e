package org.vidshare.client.swing.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.hash.Fingerprint;

/**
 * One upload or download on a connection of its own (docs/protocol.md, Framing), so the window stays
 * usable. A download writes to its partial beside the target ({@link DownloadNames#partFile}: the
 * movie id in the name) and resumes from that file's length via {@code offset}; an upload asks
 * {@code check_movie} first and resumes from the offset the server holds.
 *
 * <p>One object is one row for its whole life: pause and resume, a retry after a failure and the
 * automatic reconnects all run again on the same transfer. When the connection drops (network,
 * server restart) the transfer waits a {@link Backoff} pause and reconnects by itself, for as long
 * as the server stays away, and picks up at the partial's length; only a refusal by the server (a
 * failed reply), a damaged file or a local file error fail it. Progress, the non-VIP wait and the
 * reconnect countdown are readable at any time from any thread; changes are reported to the owner.
 */
public final class Transfer {
    public enum Kind { DOWNLOAD, UPLOAD }

    public enum State {
        QUEUED, CONNECTING, CHECKING, WAITING, RUNNING, VERIFYING, RETRYING, PAUSED, DONE, CANCELLED, FAILED;

        /** Over: done, cancelled, or failed (a failed one may be retried, which starts a new run). */
        public boolean finished() {
            return this == DONE || this == CANCELLED || this == FAILED;
        }

        /** Moving or about to: what a closing window warns about. */
        public boolean active() {
            return !finished() && this != PAUSED;
        }

        /** Still in the queue (kept between runs): all but done and cancelled. */
        public boolean queued() {
            return this != DONE && this != CANCELLED;
        }

        /** What resume (a paused one) or retry (a failed one) starts again. */
        public boolean resumable() {
            return this == PAUSED || this == FAILED;
        }
    }

    private static final long PROGRESS_EVERY_NANOS = 100_000_000L;

    static {
        TransferTexts.define();
    }

    private final Kind kind;
    private final String name;
    private final Path file;
    private final long movieId;
    private final boolean free;
    private final Texts texts;
    private final Object lock = new Object();
    private final List<State> history = new ArrayList<>(); // guarded by lock
    private final List<Long> grantWaits = new ArrayList<>(); // guarded by lock
    private Consumer<Transfer> onChange = t -> { };
    private Consumer<Message> onStatus = note -> { };

    private volatile CompletableFuture<Transfer> finished = new CompletableFuture<>();
    private volatile State state;
    private boolean running; // guarded by lock: a run is queued or on its thread
    private volatile boolean pauseRequested;
    private volatile boolean cancelRequested;
    private volatile long bytesDone;
    private volatile long bytesTotal;
    private volatile long startOffset;
    private volatile long runStartNanos;
    private volatile long runEndNanos;
    private volatile long waitUntilMillis;
    private volatile long retryAtMillis;
    private volatile int retries;
    private volatile String error = "";
    private volatile long resultMovieId;
    private volatile boolean uploadSent;
    private volatile VidShareClient client;
    private long lastProgressNanos;

    private Transfer(Kind kind, String name, Path file, long movieId, boolean free, Texts texts, State initial) {
        this.kind = kind;
        this.name = name;
        this.file = file;
        this.movieId = movieId;
        this.free = free;
        this.texts = texts;
        this.state = initial;
    }

    /** A download of {@code movieId} into {@code target} (its partial beside it, see {@link #partFile}). */
    public static Transfer download(long movieId, String name, Path target, Texts texts) {
        return new Transfer(Kind.DOWNLOAD, name, target, movieId, false, texts, State.QUEUED);
    }

    public static Transfer upload(Path source, boolean free, Texts texts) {
        return new Transfer(Kind.UPLOAD, source.getFileName().toString(), source, 0, free, texts, State.QUEUED);
    }

    /** A transfer saved by an earlier run of the client, paused until it is resumed. */
    public static Transfer restored(TransferStore.Entry entry, Texts texts) {
        Transfer transfer = new Transfer(entry.kind(), entry.name(), entry.file(), entry.movieId(), entry.free(), texts,
                State.PAUSED);
        if (entry.kind() == Kind.DOWNLOAD) {
            try {
                Path part = partFile(entry.file(), entry.movieId());
                transfer.bytesDone = Files.exists(part) ? Files.size(part) : 0;
            } catch (IOException e) {
                transfer.bytesDone = 0; // shown as not started; the resume finds out
            }
        }
        return transfer;
    }

    /** What the queue file keeps of this transfer. */
    public TransferStore.Entry entry(String server, String account) {
        return new TransferStore.Entry(server, account, kind, name, file, movieId, free);
    }

    /** The partial of a download of the movie into {@code target} ({@link DownloadNames#partFile}). */
    public static Path partFile(Path target, long movieId) {
        return DownloadNames.partFile(target, movieId);
    }

    void onChange(Consumer<Transfer> listener) {
        this.onChange = listener;
    }

    /** Where the reconnect notes go (the window's status bar): never a dialog. */
    void onStatus(Consumer<Message> listener) {
        this.onStatus = listener;
    }

    /**
     * Claims the next run (the owner then hands {@link #run} to a thread): false while one runs
     * and after done or cancelled. A failed transfer's earlier {@link #finished()} stays completed;
     * the new run has a new one.
     */
    boolean startRun() {
        synchronized (lock) {
            if (running || state == State.DONE || state == State.CANCELLED) {
                return false;
            }
            running = true;
            pauseRequested = false;
            cancelRequested = false;
            error = "";
            if (finished.isDone()) {
                finished = new CompletableFuture<>();
            }
        }
        if (state != State.QUEUED) {
            setState(State.QUEUED);
        }
        return true;
    }

    /** One run on the calling thread (a background one): attempts with back-off until done, failed, paused or cancelled. */
    void run(Connection connection) {
        int failuresInARow = 0;
        try {
            while (!stopRequested()) {
                long before = bytesDone;
                try {
                    if (kind == Kind.DOWNLOAD) {
                        runDownload(connection);
                    } else {
                        runUpload(connection);
                    }
                    return;
                } catch (IOException | RuntimeException e) {
                    if (stopRequested()) {
                        return;
                    }
                    String text = readable(e, connection);
                    if (!worthRetrying(e)) {
                        fail(text);
                        return;
                    }
                    // A drop after some progress starts the back-off over: the server was there.
                    failuresInARow = bytesDone > before ? 1 : failuresInARow + 1;
                    long pause = Backoff.delayMillis(failuresInARow);
                    error = text;
                    retries++;
                    retryAtMillis = System.currentTimeMillis() + pause;
                    setState(State.RETRYING);
                    onStatus.accept(Message.of("transfer.retry.status", name, (pause + 999) / 1000, text));
                    sleepUnlessStopped(pause);
                } finally {
                    closeClient();
                }
            }
        } finally {
            endRun();
        }
    }

    private String readable(Throwable failure, Connection connection) {
        Throwable cause = ErrorText.unwrap(failure);
        if (cause instanceof ServerBusyException) {
            return cause.getMessage();
        }
        // A refused connect says the server is away (ErrorText says so); any other break of a
        // running transfer (EOF, reset, and the main connection's "restored, please try again",
        // which is for a person's request) is a lost connection: no Java class names in the row.
        boolean lost = cause instanceof IOException && !(cause instanceof java.net.ConnectException
                || cause instanceof java.net.UnknownHostException || cause instanceof FileSystemException);
        return lost ? texts.get("transfer.lost", connection.address()) : ErrorText.of(cause, texts, connection.address());
    }

    /**
     * The connection broke or the server was away: worth another try. A refusal comes as a reply,
     * not an exception; what is left are local file problems and bugs, which a retry does not mend.
     */
    static boolean worthRetrying(Throwable failure) {
        Throwable cause = ErrorText.unwrap(failure);
        return cause instanceof IOException && !(cause instanceof FileSystemException);
    }

    private boolean stopRequested() {
        return pauseRequested || cancelRequested;
    }

    private void sleepUnlessStopped(long millis) {
        long end = System.currentTimeMillis() + millis;
        synchronized (lock) {
            for (long left = millis; left > 0 && !stopRequested(); left = end - System.currentTimeMillis()) {
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    pauseRequested = true; // the client is shutting down: keep it for next time
                    return;
                }
            }
        }
    }

    private void endRun() {
        State last;
        synchronized (lock) {
            running = false;
            if (state == State.DONE || state == State.FAILED) {
                last = null;
            } else {
                last = cancelRequested ? State.CANCELLED : State.PAUSED;
            }
        }
        if (last == State.CANCELLED) {
            deletePartial();
        }
        if (last != null) {
            setState(last);
        }
        if (state.finished()) {
            finished.complete(this);
        }
    }

    private void runDownload(Connection connection) throws IOException {
        Path part = partFile(file, movieId);
        long offset = Files.exists(part) ? Files.size(part) : 0;
        setState(State.CONNECTING);
        client = connection.openSideConnection();
        if (stopRequested()) {
            throw new IOException("stopped");
        }
        ClientReply reply = client.call(downloadRequest(offset));
        if (!reply.ok() && "bad_request".equals(reply.code()) && offset > 0) {
            // The partial is longer than the movie (another file of the same name): start over.
            Files.deleteIfExists(part);
            offset = 0;
            reply = client.call(downloadRequest(0));
        }
        if (!reply.ok()) {
            throwIfBusy(reply);
            fail(ErrorText.of(reply, texts));
            return;
        }
        bytesTotal = reply.number("file_size");
        startOffset = reply.number("offset");
        bytesDone = startOffset;
        // The only wait is the server's: a resume within its grace gets 0 and starts at once.
        long waitSeconds = reply.json().path("wait_time").asLong(0);
        synchronized (lock) {
            grantWaits.add(waitSeconds);
        }
        if (waitSeconds > 0) {
            waitUntilMillis = System.currentTimeMillis() + waitSeconds * 1000;
            // The bytes start only after the wait: the read must outlast it.
            client.setReadTimeout((int) Math.min(Integer.MAX_VALUE, waitSeconds * 1000 + 60_000));
            setState(State.WAITING);
        }
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.truncate(startOffset);
            client.receivePayload(channel, startOffset, bytesTotal - startOffset, progress());
        }
        closeClient();
        String expected = reply.string("sha256");
        if (expected != null && !expected.isBlank()) {
            setState(State.VERIFYING);
            if (!expected.equalsIgnoreCase(sha256(part))) {
                Files.deleteIfExists(part);
                fail(texts.get("transfer.checksum"));
                return;
            }
        }
        // Replacing an existing file was asked before the download started (TransferListModel).
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
        setState(State.DONE);
    }

    private Map<String, Object> downloadRequest(long offset) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", "download_movie");
        request.put("movie_id", movieId);
        request.put("offset", offset);
        synchronized (lock) {
            if (!grantWaits.isEmpty()) {
                // This row was granted before (paused or cut, maybe during the wait): the same download goes on.
                request.put("is_resume", 1);
            }
        }
        return request;
    }

    private void runUpload(Connection connection) throws IOException {
        setState(State.CHECKING);
        long size = Files.size(file);
        String fingerprint = Fingerprint.of(file);
        bytesTotal = size;
        client = connection.openSideConnection();
        if (stopRequested()) {
            throw new IOException("stopped");
        }
        ClientReply check = client.call(Map.of("type", "check_movie", "file_md5", fingerprint, "file_size", size));
        if (!check.ok()) {
            throwIfBusy(check);
            if ("conflict".equals(check.code()) && check.has("movie_id") && uploadSent) {
                // The last bytes arrived but the reply was lost with the connection: it is there now.
                resultMovieId = check.get("movie_id").asLong();
                bytesDone = size;
                setState(State.DONE);
                return;
            }
            fail("conflict".equals(check.code()) && check.has("movie_id")
                    ? texts.get("transfer.exists", check.get("movie_id").asText(), check.json().path("movie_name").asText(name))
                    : ErrorText.of(check, texts));
            return;
        }
        long offset = check.json().path("offset").asLong(0);
        startOffset = offset;
        bytesDone = offset;
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", "upload_movie");
        request.put("file_name", file.getFileName().toString());
        request.put("file_size", size);
        request.put("file_md5", fingerprint);
        request.put("is_free", free ? 1 : 0);
        request.put("offset", offset);
        uploadSent = true;
        ClientReply reply = client.upload(request, file, progress());
        if (!reply.ok()) {
            throwIfBusy(reply);
            fail(ErrorText.of(reply, texts));
            return;
        }
        resultMovieId = reply.json().path("movie_id").asLong();
        setState(State.DONE);
    }

    private TransferListener progress() {
        return (done, total) -> {
            if (state != State.RUNNING) {
                runStartNanos = System.nanoTime();
                runEndNanos = 0;
                bytesDone = startOffset + done;
                setState(State.RUNNING);
                return;
            }
            bytesDone = startOffset + done;
            long now = System.nanoTime();
            if (now - lastProgressNanos >= PROGRESS_EVERY_NANOS || done == total) {
                lastProgressNanos = now;
                onChange.accept(this);
            }
        };
    }

    private static String sha256(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Stops the transfer by closing its connection; it becomes PAUSED and a download keeps its partial. */
    public void pause() {
        synchronized (lock) {
            if (!running) {
                return;
            }
            pauseRequested = true;
            lock.notifyAll();
        }
        closeClient();
    }

    /** Stops the transfer for good and deletes a download's partial (nothing would point at it). */
    public void cancel() {
        synchronized (lock) {
            if (state == State.DONE || state == State.CANCELLED) {
                return;
            }
            cancelRequested = true;
            if (running) {
                lock.notifyAll();
                closeClient();
                return;
            }
        }
        deletePartial();
        setState(State.CANCELLED);
        finished.complete(this);
    }

    private void deletePartial() {
        if (kind == Kind.DOWNLOAD) {
            try {
                Files.deleteIfExists(partFile(file, movieId));
            } catch (IOException ignored) {
                // a partial that cannot be deleted is only disk space
            }
        }
    }

    private void closeClient() {
        VidShareClient c = client;
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already broken
            }
        }
    }

    /**
     * A refusal fails the transfer, except "too many at once" (the server's limit of uploads or
     * downloads per user, e.g. several files queued together): that one is tried again later.
     */
    private void throwIfBusy(ClientReply reply) throws ServerBusyException {
        if ("too_many_requests".equals(reply.code())) {
            throw new ServerBusyException(ErrorText.of(reply, texts));
        }
    }

    /** The server said "not now" (see {@link #throwIfBusy}): retried with back-off like a dropped connection. */
    static final class ServerBusyException extends IOException {
        ServerBusyException(String readable) {
            super(readable);
        }
    }

    private void fail(String text) {
        error = text;
        setState(State.FAILED);
    }

    private void setState(State newState) {
        synchronized (lock) {
            if (state == State.DONE || state == State.CANCELLED) {
                return;
            }
            if (state == State.RUNNING && newState != State.RUNNING) {
                runEndNanos = System.nanoTime(); // the rate of a finished run stays what it was
            }
            state = newState;
            history.add(newState);
        }
        onChange.accept(this);
    }

    public Kind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public Path file() {
        return file;
    }

    public long movieId() {
        return movieId;
    }

    public boolean free() {
        return free;
    }

    public State state() {
        return state;
    }

    /** Every state this transfer entered, over all its runs, in order (not the one it was created in). */
    public List<State> history() {
        synchronized (lock) {
            return List.copyOf(history);
        }
    }

    /** The {@code wait_time} of every download grant, in order (a resume within the grace: 0). */
    public List<Long> grantWaits() {
        synchronized (lock) {
            return List.copyOf(grantWaits);
        }
    }

    /** How many times the connection dropped and the transfer tried again by itself. */
    public int retries() {
        return retries;
    }

    public long bytesDone() {
        return bytesDone;
    }

    public long bytesTotal() {
        return bytesTotal;
    }

    public long startOffset() {
        return startOffset;
    }

    public String error() {
        return error;
    }

    /** The new movie's id after a finished upload. */
    public long resultMovieId() {
        return resultMovieId;
    }

    /** Completes when the current run is over: done, failed or cancelled (not when paused). */
    public CompletableFuture<Transfer> finished() {
        return finished;
    }

    /** Seconds of the non-VIP wait still to go (0 outside the wait). */
    public long waitSecondsLeft() {
        if (state != State.WAITING) {
            return 0;
        }
        return Math.max(0, (waitUntilMillis - System.currentTimeMillis() + 999) / 1000);
    }

    /** Seconds until the next reconnect (0 outside RETRYING). */
    public long retrySecondsLeft() {
        if (state != State.RETRYING) {
            return 0;
        }
        return Math.max(0, (retryAtMillis - System.currentTimeMillis() + 999) / 1000);
    }

    /** 0..1 of the whole file. */
    public double fraction() {
        return bytesTotal <= 0 ? (state == State.DONE ? 1 : 0) : (double) bytesDone / bytesTotal;
    }

    /** Bytes per second since the bytes started to flow (this run only). */
    public double rate() {
        if (runStartNanos == 0) {
            return 0;
        }
        long end = runEndNanos != 0 ? runEndNanos : System.nanoTime();
        double seconds = (end - runStartNanos) / 1e9;
        return seconds <= 0 ? 0 : (bytesDone - startOffset) / seconds;
    }

    /** Seconds until the end at the current rate; -1 when unknown. */
    public long secondsLeft() {
        double rate = rate();
        if (state != State.RUNNING || rate <= 0) {
            return -1;
        }
        return (long) Math.ceil((bytesTotal - bytesDone) / rate);
    }

    /** The state as a person reads it, with the countdown while waiting or before a reconnect. */
    public String stateText() {
        return switch (state) {
            case WAITING -> texts.get("transfer.WAITING", String.valueOf(waitSecondsLeft()));
            case RETRYING -> texts.get("transfer.RETRYING", String.valueOf(retrySecondsLeft()), error);
            case FAILED -> texts.get("transfer.FAILED", error);
            default -> texts.get("transfer." + state.name());
        };
    }
}
