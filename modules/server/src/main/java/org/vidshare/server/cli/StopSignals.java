package org.vidshare.server.cli;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * SIGTERM (systemd's stop, {@code kill}, {@code Process.destroy()}) and SIGINT (Ctrl-C) ask the server
 * to stop. Handled here instead of by the JVM's default, which runs the shutdown hooks and exits with
 * 143 (128 + 15): a stop that was asked for and went well must exit 0, or systemd reports the unit
 * as failed. {@code sun.misc.Signal} (module jdk.unsupported) is the JDK's only way to catch a signal.
 */
final class StopSignals {
    private final CountDownLatch requested = new CountDownLatch(1);

    private StopSignals() {
    }

    static StopSignals install() {
        StopSignals signals = new StopSignals();
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> signals.requested.countDown());
        }
        return signals;
    }

    /** Blocks until a stop signal arrives. */
    void await() throws InterruptedException {
        requested.await();
    }
}
