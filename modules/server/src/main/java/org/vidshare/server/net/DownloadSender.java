package org.vidshare.server.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.mina.core.file.DefaultFileRegion;
import org.apache.mina.core.session.IoSessionConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vidshare.core.codec.PayloadBuffers;
import org.vidshare.core.codec.TlsFilter;
import org.vidshare.core.spi.CrashPoints;
import org.vidshare.core.spi.OutgoingFile;

/**
 * A reply that a file follows, top to bottom: mark the connection busy, send the reply, wait out
 * the delay as a scheduled start (no thread waits it out), send the bytes: on plain connections
 * from pooled 1 MiB direct buffers, or zero-copy ({@code sendfile}) when the pool has none free;
 * encrypted chunk by chunk on TLS ones. During a wait the
 * connection reads requests, and the dispatcher serves only {@code ping} among them; without a
 * wait it reads the next request once the bytes are out.
 */
final class DownloadSender {
    private static final Logger LOG = LoggerFactory.getLogger(DownloadSender.class);

    /** About two thirds of what one flush of a sending session may move (MINA: 1.5 x max read buffer). */
    private static final int SEND_STEP_BYTES = 4 << 20;

    /** A plain download's buffers, 1 MiB: what a plain Java copy on loopback needed to outrun sendfile. */
    private static final int SEND_BUFFER_BYTES = 1 << 20;

    private final ScheduledExecutorService scheduler;
    private final DownloadSlots slots;
    /** Plain downloads read the file into these; one that finds none free sends with sendfile. */
    private final PayloadBuffers sendBuffers;

    /** {@code sendBufferBytes}: direct memory for plain downloads' buffers (0: every plain download uses sendfile). */
    DownloadSender(ScheduledExecutorService scheduler, DownloadSlots slots, long sendBufferBytes) {
        this.scheduler = scheduler;
        this.slots = slots;
        this.sendBuffers = new PayloadBuffers(SEND_BUFFER_BYTES, sendBufferBytes);
    }

    PayloadBuffers sendBuffers() {
        return sendBuffers;
    }

    /** Sends a reply and its file; the connection's download slot is given back when the file is done or the connection drops. */
    void send(Exchange exchange, Map<String, Object> reply, OutgoingFile file) {
        Connection connection = exchange.connection();
        // Added to a close future that is already done, the listener runs at once: no drop is missed.
        connection.io().getCloseFuture().addListener(closed -> slots.release(connection));
        // Before the reply leaves: once the client has it, a lock_user must find this connection
        // busy with a transfer (and close it), never idle.
        connection.download(file.delay().isZero() ? Connection.Transfer.SENDING : Connection.Transfer.WAITING);
        if (file.delay().isZero()) {
            // Nothing more is read until the bytes are out: the next request is served after them.
            exchange.reply(reply, () -> { });
            start(exchange, file, connection::readNext);
        } else {
            // The client may ping through the wait (and only ping: the dispatcher closes on anything else).
            exchange.reply(reply, connection::readNext);
            scheduler.schedule(() -> start(exchange, file, () -> { }), file.delay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void start(Exchange exchange, OutgoingFile file, Runnable then) {
        Connection connection = exchange.connection();
        if (!connection.io().isConnected()) {
            return;
        }
        connection.download(Connection.Transfer.SENDING);
        FileChannel channel;
        try {
            channel = FileChannel.open(file.path(), StandardOpenOption.READ);
        } catch (IOException e) {
            LOG.error("cannot open {} for download; closing connection {}", file.path(), connection.id(), e);
            connection.closeNow();
            return;
        }
        long length = file.length();
        // A transfer cut by a closed connection closes its file too, whatever the write step does,
        // and is logged as cut: once closing, no write step reports it done (MINA's closeNow
        // reports every queued write as written, so only the close tells).
        AtomicBoolean ended = new AtomicBoolean();
        connection.io().getCloseFuture().addListener(closed -> {
            closeQuietly(channel);
            if (ended.compareAndSet(false, true)) {
                exchange.transferCut();
            }
        });
        long whole = length;
        Runnable afterSent = () -> {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            exchange.transferDone(whole);
            connection.download(Connection.Transfer.NONE);
            closeQuietly(channel);
            slots.release(connection);
            then.run();
        };
        if (CrashPoints.isArmed(CrashPoints.DOWNLOAD_MID_PAYLOAD) && length > 1) {
            // Crash tests: the first half leaves, then the server dies with the rest unsent.
            length = length / 2;
            afterSent = () -> CrashPoints.reach(CrashPoints.DOWNLOAD_MID_PAYLOAD);
        }
        // MINA's I/O thread moves at most 1.5 x the session's max read buffer per flush (and per
        // write call) before it turns to its other sessions: with 64 KiB reads that is a select
        // round per 96 KiB sent, sendfile or encrypted chunks alike. The session reads next to
        // nothing while it sends, so let it send in big steps until the payload has left.
        IoSessionConfig config = connection.io().getConfig();
        int readMax = config.getMaxReadBufferSize();
        config.setMaxReadBufferSize(Math.max(readMax, SEND_STEP_BYTES));
        Runnable sent = afterSent;
        Runnable restoreThenDone = () -> {
            config.setMaxReadBufferSize(readMax);
            sent.run();
        };
        if (connection.io().getFilterChain().contains(TlsFilter.class)) {
            ChunkedFileSender.encrypted(connection.io(), channel, file.offset(), length, restoreThenDone).start();
            return;
        }
        ByteBuffer first = sendBuffers.tryTake();
        if (first != null) {
            ChunkedFileSender.pooled(connection.io(), channel, file.offset(), length, restoreThenDone, sendBuffers, first)
                    .start();
        } else {
            Writes.write(connection.io(), new DefaultFileRegion(channel, file.offset(), length), f -> {
                if (!connection.io().isClosing()) {
                    restoreThenDone.run();
                }
            });
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing download channel: {}", e.toString());
        }
    }
}
