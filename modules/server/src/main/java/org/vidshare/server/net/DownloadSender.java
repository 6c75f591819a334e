package org.vidshare.server.net;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.file.DefaultFileRegion;
import org.apache.mina.core.session.IoSessionConfig;
import org.apache.mina.filter.ssl.SslFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vidshare.core.spi.CrashPoints;
import org.vidshare.core.spi.OutgoingFile;

/**
 * Sends a download's bytes after its reply: zero-copy ({@code sendfile}) on plain connections,
 * encrypted chunk by chunk on TLS ones, and after the non-VIP wait as a scheduled start, so that
 * no thread waits it out.
 */
final class DownloadSender {
    private static final Logger LOG = LoggerFactory.getLogger(DownloadSender.class);

    /** About two thirds of what one flush of a sending session may move (MINA: 1.5 x max read buffer). */
    private static final int SENDFILE_STEP_BYTES = 4 << 20;

    private final ScheduledExecutorService scheduler;

    DownloadSender(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** What the connection is doing from the moment the reply leaves. */
    static Connection.Transfer initialState(OutgoingFile file) {
        return file.delay().isZero() ? Connection.Transfer.SENDING : Connection.Transfer.WAITING;
    }

    void send(Connection connection, OutgoingFile file) {
        connection.transfer(initialState(file));
        if (file.delay().isZero()) {
            start(connection, file);
        } else {
            scheduler.schedule(() -> start(connection, file), file.delay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static void start(Connection connection, OutgoingFile file) {
        if (!connection.io().isConnected()) {
            return;
        }
        connection.transfer(Connection.Transfer.SENDING);
        FileChannel channel;
        try {
            channel = FileChannel.open(file.path(), StandardOpenOption.READ);
        } catch (IOException e) {
            LOG.error("cannot open {} for download; closing connection {}", file.path(), connection.id(), e);
            connection.closeNow();
            return;
        }
        long length = file.length();
        Runnable afterSent = () -> {
            connection.transfer(Connection.Transfer.NONE);
            closeQuietly(channel);
        };
        if (CrashPoints.isArmed(CrashPoints.DOWNLOAD_MID_PAYLOAD) && length > 1) {
            // Crash tests: the first half leaves, then the server dies with the rest unsent.
            length = length / 2;
            afterSent = () -> CrashPoints.reach(CrashPoints.DOWNLOAD_MID_PAYLOAD);
        }
        if (connection.io().getFilterChain().contains(SslFilter.class)) {
            new ChunkedFileSender(connection.io(), channel, file.offset(), length, afterSent).start();
        } else {
            Runnable sent = afterSent;
            // MINA's I/O thread moves at most 1.5 x the session's max read buffer per flush before it
            // turns to its other sessions: with 64 KiB reads that is a select round per 96 KiB of
            // sendfile. The session reads next to nothing while it sends, so let it send in big steps.
            IoSessionConfig config = connection.io().getConfig();
            int readMax = config.getMaxReadBufferSize();
            config.setMaxReadBufferSize(Math.max(readMax, SENDFILE_STEP_BYTES));
            connection.io().write(new DefaultFileRegion(channel, file.offset(), length)).addListener(f -> {
                config.setMaxReadBufferSize(readMax);
                sent.run();
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
