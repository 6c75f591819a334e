package org.vidshare.e2e;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
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
