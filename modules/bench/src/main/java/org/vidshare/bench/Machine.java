package org.vidshare.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What a reader needs to judge a benchmark's numbers: the machine, the JVM, the load. */
final class Machine {
    private Machine() {
    }

    /** CPU model, CPU count, memory and Java version. */
    static String description() {
        String cpu = "unknown CPU";
        String memory = "";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
            memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> String.format(Locale.ROOT, ", %.0f GiB RAM",
                            Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0)).orElse("");
        } catch (IOException | RuntimeException e) {
            // Not Linux: say less.
        }
        return String.format(Locale.ROOT, "%s, %d CPUs%s, %s, Java %s", cpu, Runtime.getRuntime().availableProcessors(),
                memory, System.getProperty("os.name") + " " + System.getProperty("os.version"), Runtime.version());
    }

    /**
     * Writes every dirty page of the machine to disk ({@code sync}), so that a timed transfer does
     * not share the two CPUs with the kernel's writeback of a file an earlier one left behind. False
     * where there is no {@code sync} command.
     */
    static boolean flushDirtyPages() {
        try {
            return new ProcessBuilder("sync").inheritIO().start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The 1/5/15-minute load averages (Linux). */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /**
     * The CPU time (user + system, every thread) a process has used so far, from /proc; NaN where
     * there is no /proc. Clock ticks are taken as 100 per second (Linux's USER_HZ).
     */
    static double processCpuSeconds(long pid) {
        try {
            return cpuSeconds(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * The CPU seconds each live thread of a process has used so far, by "name (thread id)", from
     * /proc/pid/task (a name is at most 15 characters there); empty where there is no /proc.
     */
    static Map<String, Double> threadCpuSeconds(long pid) {
        Map<String, Double> threads = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).trim();
                    threads.put(name + " (" + task.getFileName() + ")", cpuSeconds(stat));
                } catch (IOException | RuntimeException ended) {
                    // The thread ended between the listing and its read.
                }
            });
        } catch (IOException | RuntimeException e) {
            // Not Linux, or the process is gone.
        }
        return threads;
    }

    /** User + system seconds from a /proc stat line (a process's or a thread's). */
    private static double cpuSeconds(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After "pid (comm) ", fields 14 (utime) and 15 (stime) of proc(5) are at index 11 and 12.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /** The resident set of a process now (VmRSS), in KiB; -1 when unknown. */
    static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not Linux, or gone.
        }
        return -1;
    }

    /** A process's peak resident set (Linux {@code VmHWM}). */
    static String peakRss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return line.substring("VmHWM:".length()).trim();
                }
            }
        } catch (IOException e) {
            // Not Linux, or gone.
        }
        return "n/a";
    }
}
