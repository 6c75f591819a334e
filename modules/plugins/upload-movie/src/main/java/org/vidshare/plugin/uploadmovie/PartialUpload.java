package org.vidshare.plugin.uploadmovie;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.vidshare.core.hash.Fingerprint;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.CrashPoints;
import org.vidshare.core.spi.IncomingPayload;
import org.vidshare.core.spi.MovieStorage;
import org.vidshare.core.spi.PartialLeases;
import org.vidshare.core.spi.PayloadSink;

/**
 * One upload's partial file, open and leased for as long as one connection writes it. Payload
 * chunks go straight to the file; a {@link TrailingSha256} hashes them on its own thread behind
 * the writer, from the chunks themselves where it was lent them, so the network thread never
 * hashes and memory stays flat. The lease ({@link PartialLeases}, in the database) makes this the
 * only writer on every node sharing the storage: a second writer (another connection, or another
 * node) is refused instead of interleaving bytes, and a writer whose lease ran out stops before
 * another may start.
 */
final class PartialUpload implements PayloadSink, AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final TrailingSha256 sha256;
    private final PartialLeases.Lease lease;
    /** Null unless the movie must be on the disk before its reply. */
    private final WriteBehind writeBehind;
    private long size;

    private PartialUpload(Path path, FileChannel channel, TrailingSha256 sha256, PartialLeases.Lease lease, long size,
                          IncomingPayload payload, boolean durable) {
        this.path = path;
        this.channel = channel;
        this.sha256 = sha256;
        this.lease = lease;
        this.size = size;
        this.writeBehind = durable ? new WriteBehind(channel, size, payload) : null;
    }

    /**
     * Opens the partial for writing from {@code offset}: 0 starts over (dropping what it held), a
     * positive offset must equal what it holds. Throws {@code conflict} while another writer (on any
     * node) holds its lease, {@code bad_request} carrying the right {@code offset} on a mismatch.
     * {@code durable}: the movie must be on the disk before its reply (upload.sync-before-publish),
     * so its bytes are written out while {@code payload} arrives, whose reads pause while the disk
     * is too far behind ({@link WriteBehind}).
     */
    static PartialUpload open(Path path, long offset, PartialLeases leases, IncomingPayload payload, boolean durable)
            throws CommandException, IOException {
        PartialLeases.Lease lease = leases.acquire(path);
        FileChannel channel;
        try {
            if (offset > 0 && !Files.exists(path)) {
                throw wrongOffset(0);
            }
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (CommandException | IOException | RuntimeException e) {
            lease.close();
            throw e;
        }
        try {
            long held = channel.size();
            if (offset == 0) {
                channel.truncate(0);
            } else if (held != offset) {
                throw wrongOffset(held);
            }
            channel.position(offset);
            // A resumed upload's hash covers the bytes already on disk: the hasher starts with them.
            return new PartialUpload(path, channel, TrailingSha256.start(channel, offset,
                    path.getFileName().toString()), lease, offset, payload, durable);
        } catch (CommandException | IOException | RuntimeException e) {
            channel.close();
            lease.close();
            throw e;
        }
    }

    private static CommandException wrongOffset(long held) {
        return new CommandException(ErrorCode.BAD_REQUEST, "offset 与服务器上已有的字节数不符",
                "offset does not match the bytes the server holds").with("offset", held);
    }

    /** Called on a network thread with the next payload bytes: write, tell the hasher, never wait. */
    @Override
    public void write(ByteBuffer chunk) throws IOException {
        append(chunk);
        sha256.writtenUpTo(size);
        CrashPoints.reach(CrashPoints.UPLOAD_MID_PAYLOAD);
    }

    /** As {@link #write(ByteBuffer)}, and the hasher may hash the bytes from {@code chunk} itself. */
    @Override
    public void write(ByteBuffer chunk, Runnable release) throws IOException {
        ByteBuffer bytes = chunk.duplicate();
        try {
            append(chunk);
        } catch (IOException | RuntimeException e) {
            release.run();
            throw e;
        }
        sha256.written(bytes, release, size);
        CrashPoints.reach(CrashPoints.UPLOAD_MID_PAYLOAD);
    }

    private void append(ByteBuffer chunk) throws IOException {
        if (!lease.held()) {
            // Not renewed in time (the database was away): another node may take the partial over now.
            throw new IOException("the upload's lease on " + path.getFileName() + " ran out; resume the upload");
        }
        while (chunk.hasRemaining()) {
            size += channel.write(chunk);
        }
        if (writeBehind != null) {
            writeBehind.written(size);
        }
    }

    Path path() {
        return path;
    }

    long size() {
        return size;
    }

    /**
     * Checks the complete file against what the client announced: its size and fingerprint now
     * (throwing {@code integrity}), and its SHA-256 (hex) once the hasher has caught up, which
     * completes with {@code integrity} when it differs from the announced one.
     */
    CompletionStage<String> verify(UploadRequest upload) throws CommandException, IOException {
        if (size != upload.fileSize() || channel.size() != upload.fileSize()) {
            throw integrity("收到 " + channel.size() + " 字节，应为 " + upload.fileSize(),
                    "received " + channel.size() + " bytes, expected " + upload.fileSize());
        }
        String fingerprint = Fingerprint.of(channel, upload.fileSize());
        if (!fingerprint.equals(upload.fingerprint())) {
            throw integrity("文件指纹与 file_md5 不符", "the file's fingerprint does not match file_md5");
        }
        return sha256.finish().thenApply(sha -> {
            if (upload.sha256().isPresent() && !upload.sha256().get().equals(sha)) {
                throw new CompletionException(integrity("文件的 SHA-256 与 sha256 不符",
                        "the file's SHA-256 does not match sha256"));
            }
            return sha;
        });
    }

    private static CommandException integrity(String zh, String en) {
        return new CommandException(ErrorCode.INTEGRITY, zh, en);
    }

    /**
     * Moves the verified partial into storage, after checking that this upload still holds its lease
     * (a writer that lost it publishes nothing: the node that took over does), and forgets its row.
     */
    String publish(MovieStorage storage) throws CommandException, IOException {
        if (!lease.confirm()) {
            throw new CommandException(ErrorCode.CONFLICT, "该上传的租约已失效,请重新续传",
                    "This upload lost its lease on the partial; resume the upload");
        }
        String storedName = storage.publish(path);
        sha256.stop();
        channel.close();
        lease.forget();
        return storedName;
    }

    /** Releases the file and its lease; the bytes stay for a resume, on any node. */
    @Override
    public void close() throws IOException {
        sha256.stop();
        try {
            channel.close();
        } finally {
            lease.close();
        }
    }

    /** Closes and deletes the partial, with its row: a failed check or a content that is already published. */
    void discard() throws IOException {
        sha256.stop();
        channel.close();
        Files.deleteIfExists(path);
        lease.forget();
    }
}
