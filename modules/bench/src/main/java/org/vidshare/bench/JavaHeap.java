package org.vidshare.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child JVM's live heap, class by class, from {@code jcmd <pid> GC.class_histogram} (which runs a
 * full GC first, so only reachable objects count). No agent or JMX port is needed in the child.
 */
record JavaHeap(long totalBytes, Map<String, long[]> byClass) {
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)");

    static JavaHeap of(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("jcmd failed: " + output);
        }
        long total = -1;
        Map<String, long[]> byClass = new HashMap<>();
        for (String line : output.split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                byClass.put(row.group(3), new long[] {Long.parseLong(row.group(1)), Long.parseLong(row.group(2))});
                continue;
            }
            Matcher sum = TOTAL.matcher(line);
            if (sum.find()) {
                total = Long.parseLong(sum.group(2));
            }
        }
        if (total < 0) {
            throw new IOException("no total in jcmd's histogram: " + output);
        }
        return new JavaHeap(total, byClass);
    }

    /** The classes that grew most from {@code before} to this heap: name, instances and bytes added. */
    List<String[]> largestGrowth(JavaHeap before, int count) {
        List<String[]> rows = new ArrayList<>();
        for (Map.Entry<String, long[]> entry : byClass.entrySet()) {
            long[] old = before.byClass.getOrDefault(entry.getKey(), new long[2]);
            long bytes = entry.getValue()[1] - old[1];
            if (bytes > 0) {
                rows.add(new String[] {entry.getKey(), Long.toString(entry.getValue()[0] - old[0]), Long.toString(bytes)});
            }
        }
        rows.sort((a, b) -> Long.compare(Long.parseLong(b[2]), Long.parseLong(a[2])));
        return rows.subList(0, Math.min(count, rows.size()));
    }
}
