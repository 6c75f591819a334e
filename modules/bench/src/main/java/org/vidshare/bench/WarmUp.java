package org.vidshare.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Warm-up rounds until the JVMs are warm: at least a given number, then more while the JIT
 * compiler threads of the JVMs in the run (this one, VidShare's server, FtpServer) still use
 * {@link #QUIET} or more of a round's CPU, up to a maximum. A fresh server's upload path runs one
 * readable event per MiB, so its hot methods reach C2 only after some gigabytes: after two rounds its
 * compiler still took up to a tenth of an upload's CPU, on a 2-vCPU machine where every upload
 * already uses both, and the counted rounds measured a server still warming up (docs/benchmarks.md).
 *
 * @param rounds warm-up rounds run
 * @param minimum warm-up rounds asked for at least ({@code --warm-up-rounds})
 * @param lastShare the compilers' share of the last warm-up round's CPU
 * @param measuredShares their share in each counted round
 */
record WarmUp(int rounds, int minimum, double lastShare, List<Double> measuredShares) {
    /** The compilers' share of a round's CPU under which the JVMs count as warm. */
    static final double QUIET = 0.01;

    /** A round to run, timed or not. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    /** Runs warm-up rounds of {@code round}: at least {@code minimum}, at most {@code maximum} (the larger of the two). */
    static WarmUp run(Body round, int minimum, int maximum, long[] jvms) throws Exception {
        double share = Double.NaN;
        int n = 0;
        while (n < Math.max(minimum, maximum) && (n < minimum || !(share < QUIET))) {
            n++;
            System.out.println("warm-up round " + n + " (not counted):");
            share = compilerShare(round, jvms);
        }
        return new WarmUp(n, minimum, share, List.of());
    }

    /** Runs {@code round} and returns the share of its CPU (every JVM of {@code jvms}) that their JIT compilers used. */
    static double compilerShare(Body round, long[] jvms) throws Exception {
        List<ThreadCpu> threads = Arrays.stream(jvms).mapToObj(ThreadCpu::start).toList();
        round.run();
        double compilers = threads.stream().mapToDouble(ThreadCpu::compilerSeconds).sum();
        double all = threads.stream().mapToDouble(ThreadCpu::processSeconds).sum();
        double share = all > 0 ? compilers / all : 0;
        System.out.printf(Locale.ROOT, "  JIT compilers: %.1f%% of the round's CPU (%.2f of %.2f s)%n", 100 * share,
                compilers, all);
        return share;
    }

    WarmUp measured(double[] shares) {
        return new WarmUp(rounds, minimum, lastShare, Arrays.stream(shares).boxed().toList());
    }

    /** For the report: how many warm-up rounds ran and why that many. */
    String describe() {
        double counted = measuredShares.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, "%d warm-up round(s): at least %d, then until the JIT compilers of every"
                + " JVM (this one and the servers) used under %.0f%% of a round's CPU%s (%.1f%% in the last warm-up"
                + " round, at most %.1f%% in a counted one)", rounds, minimum, 100 * QUIET,
                lastShare < QUIET ? "" : " or the maximum was reached", 100 * lastShare, 100 * counted);
    }
}
