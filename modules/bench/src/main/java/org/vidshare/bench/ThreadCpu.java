package org.vidshare.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The CPU one process's threads used from a start to now, from /proc (Linux; elsewhere nothing):
 * which thread limits a transfer (an upload's network thread or its hasher), and whether the JIT
 * compilers are still at work (then the rounds measure a JVM that is still warming up).
 */
final class ThreadCpu {
    /** HotSpot's compiler threads, as /proc shows their names (15 characters at most). */
    private static final Pattern COMPILER = Pattern.compile("C[12] CompilerThre.*");
    /** What a live thread's name gets for the CPU of the threads that ended since the start. */
    static final String ENDED = "(threads that ended)";

    private final long pid;
    private final double processAtStart;
    private final Map<String, Double> threadsAtStart;

    private ThreadCpu(long pid) {
        this.pid = pid;
        this.threadsAtStart = Machine.threadCpuSeconds(pid);
        this.processAtStart = Machine.processCpuSeconds(pid);
    }

    static ThreadCpu start(long pid) {
        return new ThreadCpu(pid);
    }

    /**
     * CPU seconds since the start by thread ("name (id)"), most first; what threads that ended
     * used (an upload's hasher ends with it) comes as {@link #ENDED}.
     */
    Map<String, Double> used() {
        Map<String, Double> now = Machine.threadCpuSeconds(pid);
        double process = Machine.processCpuSeconds(pid) - processAtStart;
        Map<String, Double> used = new LinkedHashMap<>();
        double live = 0;
        for (Map.Entry<String, Double> thread : now.entrySet()) {
            double seconds = thread.getValue() - threadsAtStart.getOrDefault(thread.getKey(), 0.0);
            live += seconds;
            used.put(thread.getKey(), seconds);
        }
        used.put(ENDED, Math.max(0, process - live));
        Map<String, Double> sorted = new LinkedHashMap<>();
        used.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** CPU seconds the whole process used since the start. */
    double processSeconds() {
        return Machine.processCpuSeconds(pid) - processAtStart;
    }

    /** CPU seconds its JIT compiler threads used since the start. */
    double compilerSeconds() {
        Map<String, Double> now = Machine.threadCpuSeconds(pid);
        return now.entrySet().stream().filter(t -> COMPILER.matcher(t.getKey()).matches())
                .mapToDouble(t -> t.getValue() - threadsAtStart.getOrDefault(t.getKey(), 0.0)).sum();
    }
}
