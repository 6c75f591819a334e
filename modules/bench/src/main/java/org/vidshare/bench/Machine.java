package org.vidshare.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

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
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After "pid (comm) ", fields 14 (utime) and 15 (stime) of proc(5) are at index 11 and 12.
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** A process's peak resident set (Linux {@code VmHWM}). */
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
