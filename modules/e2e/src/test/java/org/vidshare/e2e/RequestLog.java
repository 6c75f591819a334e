package org.vidshare.e2e;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The request lines of a server's log (docs/operations.md, Logs), read back by tests that look at
 * how a request was served: which thread answered it, and when it ran (each line is written as its
 * request is answered and says how long it had run).
 */
final class RequestLog {
    private static final Pattern LINE = Pattern.compile("^(\\S+) INFO +\\[([^\\]]+)\\] org\\.vidshare\\.requests - "
            + "\\[\\w+\\] (\\S+) from=(\\S+) user=(\\S+) code=(\\S+) ms=(\\d+) ", Pattern.MULTILINE);

    /** One answered request; {@code end} in epoch milliseconds (the log's whole milliseconds). */
    record Line(long end, String thread, String type, String from, String user, String code, long ms) {
        long start() {
            return end - ms;
        }
    }

    private RequestLog() {
    }

    /**
     * Waits until the running server has written {@code count} lines that match (a request's line
     * follows its reply, so a client can hold every reply before the last line is out) and returns them.
     */
    static List<Line> await(ServerCli.Serving server, Predicate<Line> matching, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<Line> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines = of(server.output()).stream().filter(matching).toList();
            if (lines.size() >= count) {
                return lines;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(count + " request lines expected, " + lines.size() + " written: " + server.output());
    }

    /** The request lines in {@code output}, in the order they were written. */
    static List<Line> of(String output) {
        List<Line> lines = new ArrayList<>();
        Matcher line = LINE.matcher(output);
        while (line.find()) {
            lines.add(new Line(OffsetDateTime.parse(line.group(1)).toInstant().toEpochMilli(), line.group(2),
                    line.group(3), line.group(4), line.group(5), line.group(6), Long.parseLong(line.group(7))));
        }
        return lines;
    }
}
