package org.vidshare.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.util.FileSize;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's log appender: every line, in order, in fewer writes than lines, nothing lost at a stop. */
class BatchingAppenderTest {
    private final LoggerContext context = context();
    private final Logger logger = context.getLogger("test");
    private BatchingAppender appender;

    @AfterEach
    void stop() {
        if (appender != null) {
            appender.stop();
        }
        context.stop();
    }

    @Test
    void aQuietLogsLineIsWrittenWithoutWaitingForOthers() throws Exception {
        Target target = new Target(false);
        start(target, 16);
        log("alone");
        // No batch to fill: the writer writes the one line it has.
        assertThat(target.awaitText("alone\n", 10)).isTrue();
        assertThat(target.writes.get()).isEqualTo(1);
    }

    @Test
    void linesQueuedWhileTheReaderIsSlowGoOutInOneWriteInTheirOrder() throws Exception {
        Target target = new Target(true);
        start(target, 1000);
        log("first");
        // The writer is now inside its write of "first" (held by the target): the next lines queue.
        assertThat(target.entered.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 100; i++) {
            log("line " + i);
        }
        target.release();
        assertThat(target.awaitText("first\n" + numbered("line ", 100), 10)).isTrue();
        assertThat(target.writes.get()).isEqualTo(2);
    }

    @Test
    void aFullQueueMakesTheLoggerWaitAndLosesNothing() throws Exception {
        Target target = new Target(true);
        start(target, 4);
        Thread logging = new Thread(() -> {
            for (int i = 0; i < 50; i++) {
                log("n" + i);
            }
        });
        logging.start();
        assertThat(target.entered.await(10, TimeUnit.SECONDS)).isTrue();
        // The reader is stalled: the queue of 4 fills and the logging thread waits for room.
        logging.join(300);
        assertThat(logging.isAlive()).isTrue();
        target.release();
        logging.join(10_000);
        assertThat(logging.isAlive()).isFalse();
        assertThat(target.awaitText(numbered("n", 50), 10)).isTrue();
    }

    @Test
    void aStopWritesWhatIsQueuedAndLaterLinesAreWrittenByTheirCaller() throws Exception {
        Target target = new Target(true);
        start(target, 100);
        log("held");
        assertThat(target.entered.await(10, TimeUnit.SECONDS)).isTrue();
        log("queued");
        Thread stopping = new Thread(appender::stop);
        stopping.start();
        target.release();
        stopping.join(10_000);
        assertThat(stopping.isAlive()).isFalse();
        // Everything queued is out when stop returns: nothing waits for a thread that is gone.
        assertThat(target.text()).isEqualTo("held\nqueued\n");
    }

    @Test
    void concurrentLoggersLoseNoLineAndKeepEachOnesOrder() throws Exception {
        Target target = new Target(false);
        start(target, 64);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 2000; i++) {
                    log(thread + ":" + i);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        appender.stop();
        String[] lines = target.text().split("\n");
        assertThat(lines).hasSize(8000);
        int[] next = new int[4];
        for (String line : lines) {
            String[] parts = line.split(":");
            int thread = Integer.parseInt(parts[0]);
            assertThat(Integer.parseInt(parts[1])).isEqualTo(next[thread]++);
        }
    }

    /** The lines {@code prefix}0 to {@code prefix}(count - 1), each ended by a newline. */
    private static String numbered(String prefix, int count) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++) {
            lines.append(prefix).append(i).append('\n');
        }
        return lines.toString();
    }

    private static LoggerContext context() {
        LoggerContext context = new LoggerContext();
        // A context the configurator did not set up has none; a logged event reads it.
        context.setMDCAdapter(new LogbackMDCAdapter());
        return context;
    }

    @Test
    void throughAFileAppenderThatBuffersEachBatchIsFlushedAtOnce(@TempDir Path dir) throws Exception {
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(dir.resolve("server.log").toString());
        file.setImmediateFlush(false);
        file.setBufferSize(new FileSize(64 << 10));
        file.setEncoder(encoder());
        file.start();
        appender = new BatchingAppender(new PrintStream(new Target(false), true, StandardCharsets.UTF_8));
        appender.setContext(context);
        appender.addAppender(file);
        appender.start();
        assertThat(appender.isStarted()).isTrue();
        log("one quiet line");
        // The file appender alone would keep it in its 64 KiB buffer: the batch's flush writes it.
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.readString(dir.resolve("server.log")).equals("one quiet line\n") && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(Files.readString(dir.resolve("server.log"))).isEqualTo("one quiet line\n");
        for (int i = 0; i < 1000; i++) {
            log("l" + i);
        }
        appender.stop();
        assertThat(Files.readString(dir.resolve("server.log"))).isEqualTo("one quiet line\n" + numbered("l", 1000));
    }

    @Test
    void anEncoderAndAFileAppenderTogetherAreRefused() {
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        appender = new BatchingAppender(new PrintStream(new Target(false), true, StandardCharsets.UTF_8));
        appender.setContext(context);
        appender.setEncoder(encoder());
        appender.addAppender(file);
        appender.start();
        assertThat(appender.isStarted()).isFalse();
        appender = null;
    }

    private PatternLayoutEncoder encoder() {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        return encoder;
    }

    private void start(Target target, int queueSize) {
        appender = new BatchingAppender(new PrintStream(target, true, StandardCharsets.UTF_8));
        appender.setContext(context);
        appender.setEncoder(encoder());
        appender.setQueueSize(queueSize);
        appender.start();
        assertThat(appender.isStarted()).isTrue();
    }

    private void log(String message) {
        appender.doAppend(new LoggingEvent(Logger.FQCN, logger, Level.INFO, message, null, null));
    }

    /** A reader that counts write calls and, when holding, keeps the first write waiting until {@link #release}. */
    private static final class Target extends OutputStream {
        final AtomicInteger writes = new AtomicInteger();
        final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch release;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Target(boolean holding) {
            this.release = new CountDownLatch(holding ? 1 : 0);
        }

        void release() {
            release.countDown();
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes.incrementAndGet();
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (bytes) {
                bytes.write(b, off, len);
                bytes.notifyAll();
            }
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }

        boolean awaitText(String expected, int seconds) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            synchronized (bytes) {
                while (!bytes.toString(StandardCharsets.UTF_8).equals(expected)) {
                    long left = end - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    bytes.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
                return true;
            }
        }
    }
}
