package org.vidshare.client.swing.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
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
 * usable; cancelling closes that connection. A download writes to its partial beside the target
 * ({@link DownloadNames#partFile}: the movie id in the name) and
 * resumes from that file's length via {@code offset}; an upload asks {@code check_movie} first
 * and resumes from the offset the server holds. Progress (bytes, rate, time left) and the
 * non-VIP wait are readable at any time from any thread; changes are reported to the owner.
 */
public final class Transfer {
    public enum Kind { DOWNLOAD, UPLOAD }

    public enum State {
        QUEUED, CONNECTING, CHECKING, WAITING, RUNNING, VERIFYING, DONE, CANCELLED, FAILED;

        public boolean finished() {
            return this == DONE || this == CANCELLED || this == FAILED;
        }
    }

    private static final long PROGRESS_EVERY_NANOS = 100_000_000L;

    private final Kind kind;
    private final String name;
    private final Path file;
    private final long movieId;
    private final boolean free;
    private final Texts texts;
    private final CompletableFuture<Transfer> finished = new CompletableFuture<>();
    private final List<State> history = new ArrayList<>();
    private Consumer<Transfer> onChange = t -> { };

    private volatile State state = State.QUEUED;
    private volatile long bytesDone;
    private volatile long bytesTotal;
    private volatile long startOffset;
    private volatile long runStartNanos;
    private volatile long runEndNanos;
    private volatile long waitUntilMillis;
    private volatile String error = "";
    private volatile long resultMovieId;
    private volatile boolean cancelled;
    private volatile VidShareClient client;
    private long lastProgressNanos;

    private Transfer(Kind kind, String name, Path file, long movieId, boolean free, Texts texts) {
        this.kind = kind;
        this.name = name;
        this.file = file;
        this.movieId = movieId;
        this.free = free;
        this.texts = texts;
    }

    /** A download of {@code movieId} into {@code target} (its partial beside it, see {@link #partFile}). */
    public static Transfer download(long movieId, String name, Path target, Texts texts) {
        return new Transfer(Kind.DOWNLOAD, name, target, movieId, false, texts);
    }

    public static Transfer upload(Path source, boolean free, Texts texts) {
        return new Transfer(Kind.UPLOAD, source.getFileName().toString(), source, 0, free, texts);
    }

    /** The same transfer again, picking up where the partial left off. */
    public Transfer again() {
        return new Transfer(kind, name, file, movieId, free, texts);
    }

    /** The partial of a download of the movie into {@code target} ({@link DownloadNames#partFile}). */
    public static Path partFile(Path target, long movieId) {
        return DownloadNames.partFile(target, movieId);
    }

    void onChange(Consumer<Transfer> listener) {
        this.onChange = listener;
    }

    /** Runs the transfer on the calling thread (a background one) until it ends. */
    void run(Connection connection) {
        try {
            if (kind == Kind.DOWNLOAD) {
                runDownload(connection);
            } else {
                runUpload(connection);
            }
        } catch (IOException | RuntimeException e) {
            if (cancelled) {
                setState(State.CANCELLED);
            } else {
                fail(ErrorText.of(e, texts, connection.address()));
            }
        } finally {
            closeClient();
            if (!state.finished()) {
                setState(cancelled ? State.CANCELLED : State.FAILED);
            }
            finished.complete(this);
        }
    }

    private void runDownload(Connection connection) throws IOException {
        Path part = partFile(file, movieId);
        long offset = Files.exists(part) ? Files.size(part) : 0;
        setState(State.CONNECTING);
        client = connection.openSideConnection();
        if (cancelled) {
            throw new IOException("cancelled");
        }
        ClientReply reply = client.call(downloadRequest(offset));
        if (!reply.ok() && "bad_request".equals(reply.code()) && offset > 0) {
            // The partial is longer than the movie (another file of the same name): start over.
            Files.deleteIfExists(part);
            offset = 0;
            reply = client.call(downloadRequest(0));
        }
        if (!reply.ok()) {
            fail(ErrorText.of(reply, texts));
            return;
        }
        bytesTotal = reply.number("file_size");
        startOffset = reply.number("offset");
        bytesDone = startOffset;
        long waitSeconds = reply.json().path("wait_time").asLong(0);
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
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
        setState(State.DONE);
    }

    private Map<String, Object> downloadRequest(long offset) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", "download_movie");
        request.put("movie_id", movieId);
        request.put("offset", offset);
        return request;
    }

    private void runUpload(Connection connection) throws IOException {
        setState(State.CHECKING);
        long size = Files.size(file);
        String fingerprint = Fingerprint.of(file);
        bytesTotal = size;
        client = connection.openSideConnection();
        if (cancelled) {
            throw new IOException("cancelled");
        }
        ClientReply check = client.call(Map.of("type", "check_movie", "file_md5", fingerprint, "file_size", size));
        if (!check.ok()) {
            fail("conflict".equals(check.code()) && check.has("movie_id")
                    ? texts.get("transfer.exists", check.get("movie_id").asText()) : ErrorText.of(check, texts));
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
        ClientReply reply = client.upload(request, file, progress());
        if (!reply.ok()) {
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

    /** Stops the transfer by closing its connection; a download's partial stays for resume. */
    public void cancel() {
        cancelled = true;
        closeClient();
        if (state == State.QUEUED) {
            setState(State.CANCELLED);
            finished.complete(this);
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

    private void fail(String text) {
        error = text;
        setState(State.FAILED);
    }

    private void setState(State newState) {
        synchronized (history) {
            if (state.finished()) {
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

    public State state() {
        return state;
    }

    /** Every state this transfer went through, in order. */
    public List<State> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
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

    /** The state as a person reads it, with the countdown while waiting. */
    public String stateText() {
        return switch (state) {
            case WAITING -> texts.get("transfer.WAITING", String.valueOf(waitSecondsLeft()));
            case FAILED -> texts.get("transfer.FAILED", error);
            default -> texts.get("transfer." + state.name());
        };
    }
}
