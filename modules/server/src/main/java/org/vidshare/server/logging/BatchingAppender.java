package org.vidshare.server.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.AppenderAttachable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The server's log, written in batches by one thread: to standard output (the journal under
 * systemd) with an {@code encoder}, or through one nested file appender ({@code <appender-ref>},
 * a {@code RollingFileAppender} with {@code immediateFlush} false), flushed after each batch.
 * Logback's {@code ConsoleAppender} makes one {@code write} system call per line on the thread
 * that logs: with a request line per request that was a third of a {@code get_movie_list}'s server
 * CPU, woke the reader (journald) once per line, and a reader that stalls stalled the network
 * threads at once. Logback's {@code AsyncAppender} moves that write to a thread but still makes
 * one (and a flush) per line. Here the writer thread takes every line queued since its last write
 * and writes them with one call: one line per call when the server is quiet (nothing waits for a
 * batch to fill), many when it is busy.
 * <p>
 * Nothing is dropped: a full queue ({@link #setQueueSize}) makes the logging thread wait, as the
 * reader's back-pressure did before. From the start of the JVM's shutdown on, and after
 * {@link #stop}, every line is written by the thread that logs it, after what is queued: a line
 * logged while the server shuts down is written before the process ends.
 */
public final class BatchingAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
        implements AppenderAttachable<ILoggingEvent> {
    /** One write call's most bytes: a batch larger than this is written in several. */
    static final int BATCH_BYTES = 64 << 10;
    /** How long a stop waits for the writer's last write (a reader stalled for longer loses that batch). */
    private static final long WRITER_EXIT_MILLIS = 5000;

    private final PrintStream out;
    /** Held while encoding and writing: the encoder is not thread-safe, and lines keep their order. */
    private final ReentrantLock writing = new ReentrantLock();
    private final ByteArrayOutputStream batch = new ByteArrayOutputStream(BATCH_BYTES);
    private Encoder<ILoggingEvent> encoder;
    /** The file appender the lines go through instead of {@link #out}; null: standard output. */
    private OutputStreamAppender<ILoggingEvent> nested;
    private int queueSize = 8192;
    private BlockingQueue<ILoggingEvent> queue;
    private Thread writer;
    private Thread shutdownHook;
    /** Set when the JVM shuts down or the appender stops: lines are then written by their caller. */
    private volatile boolean synchronous;

    public BatchingAppender() {
        this(System.out);
    }

    BatchingAppender(PrintStream out) {
        this.out = out;
    }

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    /** The most lines waiting for the writer; a logging thread waits while it is full. */
    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    @Override
    public void start() {
        if ((encoder == null) == (nested == null)) {
            addError("the appender named " + name + " needs an encoder (standard output) or one appender-ref (a file), not "
                    + (encoder == null ? "neither" : "both"));
            return;
        }
        if (queueSize < 1) {
            addError("queueSize must be at least 1, not " + queueSize);
            return;
        }
        queue = new ArrayBlockingQueue<>(queueSize);
        synchronous = false;
        writer = new Thread(this::writeBatches, "vidshare-log-writer");
        writer.setDaemon(true);
        shutdownHook = new Thread(this::turnSynchronous, "vidshare-log-flush");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        super.start();
        writer.start();
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        turnSynchronous();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook has run or is running: it only writes what is queued.
        }
        if (nested != null) {
            nested.stop();
        }
        super.stop();
    }

    /** The one file appender to write through; it should not flush each line ({@code immediateFlush} false). */
    @Override
    public void addAppender(Appender<ILoggingEvent> appender) {
        if (!(appender instanceof OutputStreamAppender<ILoggingEvent> stream) || nested != null) {
            addError("the appender named " + name + " takes one file appender, not " + appender.getName());
            return;
        }
        nested = stream;
    }

    @Override
    public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
        return nested == null ? List.<Appender<ILoggingEvent>>of().iterator() : List.<Appender<ILoggingEvent>>of(nested).iterator();
    }

    @Override
    public Appender<ILoggingEvent> getAppender(String appenderName) {
        return nested != null && nested.getName().equals(appenderName) ? nested : null;
    }

    @Override
    public boolean isAttached(Appender<ILoggingEvent> appender) {
        return appender == nested;
    }

    @Override
    public void detachAndStopAllAppenders() {
        if (nested != null) {
            nested.stop();
            nested = null;
        }
    }

    @Override
    public boolean detachAppender(Appender<ILoggingEvent> appender) {
        boolean attached = isAttached(appender);
        if (attached) {
            nested = null;
        }
        return attached;
    }

    @Override
    public boolean detachAppender(String appenderName) {
        return getAppender(appenderName) != null && detachAppender(nested);
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (synchronous) {
            writeNow(event);
            return;
        }
        // The message, thread name and MDC as they are now, on this thread: the writer formats later.
        event.prepareForDeferredProcessing();
        try {
            queue.put(event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writeNow(event);
            return;
        }
        if (synchronous) {
            // Turned synchronous between the check above and the put: what the flush took no longer includes it.
            writeNow(null);
        }
    }

    /** The writer thread: waits for a line, then writes it and every line queued behind it. */
    private void writeBatches() {
        List<ILoggingEvent> events = new ArrayList<>();
        while (!synchronous) {
            try {
                events.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            writing.lock();
            try {
                queue.drainTo(events);
                write(events);
            } finally {
                writing.unlock();
                events.clear();
            }
        }
    }

    /**
     * From now on each line is written by its caller. The writer may hold lines it has taken and not
     * yet written: it is woken, writes them and ends, and this waits for that before writing the rest.
     */
    private void turnSynchronous() {
        synchronous = true;
        writer.interrupt();
        try {
            writer.join(WRITER_EXIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeNow(null);
    }

    /** Writes what is queued and then {@code event} (if any), on this thread. */
    private void writeNow(ILoggingEvent event) {
        List<ILoggingEvent> events = new ArrayList<>();
        writing.lock();
        try {
            queue.drainTo(events);
            if (event != null) {
                events.add(event);
            }
            write(events);
        } finally {
            writing.unlock();
        }
    }

    /** Under {@link #writing}. */
    private void write(List<ILoggingEvent> events) {
        if (nested != null) {
            writeThroughNested(events);
            return;
        }
        for (ILoggingEvent event : events) {
            byte[] line = encoder.encode(event);
            if (batch.size() > 0 && batch.size() + line.length > BATCH_BYTES) {
                flushBatch();
            }
            batch.write(line, 0, line.length);
        }
        flushBatch();
    }

    private void flushBatch() {
        if (batch.size() > 0) {
            // One write call: PrintStream passes an array longer than its buffer straight through, and
            // keeps an I/O error to itself (checkError), as ConsoleAppender's stream does: a log that
            // cannot be written never stops the server.
            try {
                batch.writeTo(out);
            } catch (IOException cannotHappen) {
                throw new IllegalStateException(cannotHappen);
            }
            out.flush();
            batch.reset();
        }
    }

    /**
     * The file appender encodes, writes into its buffer and rolls the file over as it always does
     * (only this class calls it, under {@link #writing}); the flush after the batch makes it one write call.
     */
    private void writeThroughNested(List<ILoggingEvent> events) {
        for (ILoggingEvent event : events) {
            nested.doAppend(event);
        }
        OutputStream stream = nested.getOutputStream();
        if (stream != null && !events.isEmpty()) {
            try {
                stream.flush();
            } catch (IOException e) {
                addError("cannot flush the log file of " + nested.getName(), e);
            }
        }
    }
}
