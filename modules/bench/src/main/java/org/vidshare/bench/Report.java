package org.vidshare.bench;

import static org.vidshare.bench.TransferBenchmark.BORINGSSL_TLS_COPY;
import static org.vidshare.bench.TransferBenchmark.COPIES;
import static org.vidshare.bench.TransferBenchmark.DOWNLOAD;
import static org.vidshare.bench.TransferBenchmark.DOWNLOAD_TLS;
import static org.vidshare.bench.TransferBenchmark.DURABLE_HASHED_COPY;
import static org.vidshare.bench.TransferBenchmark.DURABLE_UPLOAD;
import static org.vidshare.bench.TransferBenchmark.ENGINE_TLS_COPY;
import static org.vidshare.bench.TransferBenchmark.FTP_DOWNLOAD;
import static org.vidshare.bench.TransferBenchmark.FTP_UPLOAD;
import static org.vidshare.bench.TransferBenchmark.HASHED_COPY;
import static org.vidshare.bench.TransferBenchmark.SHA256;
import static org.vidshare.bench.TransferBenchmark.TLS_COPY;
import static org.vidshare.bench.TransferBenchmark.UPLOAD;
import static org.vidshare.bench.TransferBenchmark.UPLOAD_TLS;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.vidshare.bench.TransferBenchmark.Results;

/** The results of one {@link TransferBenchmark} run as a markdown table and a hand-written SVG bar chart. */
final class Report {
    private record Goal(String name, double measured, double limit, double goal) {
        double ratio() {
            return measured / limit;
        }
    }

    private final Results results;
    private final long sizeMib;
    private final int rounds;
    private final String heap;
    private final String loadAtStart;
    private final String loadAtEnd;
    private final String serverPeakRss;
    private final String arguments;
    /** Whose TLS VidShare's rows ran on, and what they negotiated. */
    private final String vidshareTls;
    private final WarmUp warmUp;
    private final String fastestCopy;
    private final double copyRate;
    private final double shaRate;
    private final double uploadLimit;

    Report(Results results, long sizeMib, int rounds, WarmUp warmUp, String heap, String loadAtStart, String loadAtEnd,
           String serverPeakRss, String arguments, String vidshareTls) {
        this.vidshareTls = vidshareTls;
        this.results = results;
        this.sizeMib = sizeMib;
        this.rounds = rounds;
        this.warmUp = warmUp;
        this.heap = heap;
        this.loadAtStart = loadAtStart;
        this.loadAtEnd = loadAtEnd;
        this.serverPeakRss = serverPeakRss;
        this.arguments = arguments;
        String best = COPIES.get(0);
        for (String copy : COPIES) {
            if (results.median(copy) > results.median(best)) {
                best = copy;
            }
        }
        this.fastestCopy = best;
        this.copyRate = results.median(best);
        this.shaRate = results.median(SHA256);
        this.uploadLimit = Math.min(copyRate, shaRate);
    }

    private List<Goal> goals() {
        return List.of(
                new Goal("download / fastest plain copy", results.median(DOWNLOAD), copyRate, 0.9),
                new Goal("upload / upload limit = min(fastest copy, SHA-256)", results.median(UPLOAD), uploadLimit, 0.8),
                new Goal("TLS download / plain download", results.median(DOWNLOAD_TLS), results.median(DOWNLOAD), 0.5),
                new Goal("TLS upload / plain upload", results.median(UPLOAD_TLS), results.median(UPLOAD), 0.5),
                new Goal("VidShare download / FtpServer download", results.median(DOWNLOAD), results.median(FTP_DOWNLOAD), 1.0),
                new Goal("VidShare upload / FtpServer upload", results.median(UPLOAD), results.median(FTP_UPLOAD), 1.0));
    }

    /**
     * Not the goals: each VidShare transfer against the plain JDK doing the same work
     * (hashing, TLS), and those plain programs against the goals' limits: how far the machine
     * and the JDK let a goal be reached at all.
     */
    private List<Goal> againstPlainJava() {
        double tlsCopy = results.median(TLS_COPY);
        double hashed = results.median(HASHED_COPY);
        List<Goal> ratios = new ArrayList<>(List.of(
                new Goal("upload / plain hashed receive", results.median(UPLOAD), hashed, 0),
                new Goal("plain hashed receive / upload limit (the best goal 3 can get)", hashed, uploadLimit, 0),
                new Goal("TLS download / plain JDK TLS copy", results.median(DOWNLOAD_TLS), tlsCopy, 0),
                new Goal("TLS upload / plain JDK TLS copy", results.median(UPLOAD_TLS), tlsCopy, 0),
                new Goal("plain JDK TLS copy (SSLSocket) / plain download", tlsCopy, results.median(DOWNLOAD), 0),
                new Goal("plain JDK TLS copy (SSLEngine, records batched) / plain download: what JSSE allows goal 4",
                        results.median(ENGINE_TLS_COPY), results.median(DOWNLOAD), 0)));
        if (results.has(BORINGSSL_TLS_COPY)) {
            ratios.add(new Goal("plain BoringSSL TLS copy / plain download: what native crypto would allow",
                    results.median(BORINGSSL_TLS_COPY), results.median(DOWNLOAD), 0));
        }
        if (results.has(DURABLE_UPLOAD)) {
            ratios.add(new Goal("upload on the disk before the reply (the default) / plain hashed receive with fsync behind it",
                    results.median(DURABLE_UPLOAD), results.median(DURABLE_HASHED_COPY), 0));
            ratios.add(new Goal("upload on the disk before the reply / upload answered from the page cache (the rows above)",
                    results.median(DURABLE_UPLOAD), results.median(UPLOAD), 0));
        }
        return ratios;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(writtenBy(TransferBenchmark.class));
        md.append("### Transfer benchmark, ").append(ZonedDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))).append("\n\n");
        md.append(machineAndLoad(loadAtStart, loadAtEnd));
        md.append(String.format(Locale.ROOT, "- %d MiB file in the page cache, loopback, median of %d rounds after %s;"
                + " every dirty page written out (sync) before each transfer; server child JVM -Xmx%s, its peak RSS %s%n",
                sizeMib, rounds, warmUp.describe(), heap, serverPeakRss));
        md.append("- The VidShare rows but the last answer an upload from the page cache (`upload.sync-before-publish=false`),"
                + " as the plain copies and FtpServer do; the last row is a second server on the default, which forces the"
                + " file to the disk first, against the plain receive that does the same\n");
        md.append("- VidShare's TLS: ").append(vidshareTls).append("\n");
        md.append(command(TransferBenchmark.class, arguments));
        md.append("| transfer | MiB/s (median) | every round (MiB/s) | CPU s per GiB, both ends |\n|---|---:|---|---:|\n");
        for (String name : allNames()) {
            md.append(String.format(Locale.ROOT, "| %s%s | %.0f | %s | %.2f |%n", name, name.equals(fastestCopy)
                    ? " **(fastest plain copy)**" : "", results.median(name), roundList(results.rates(name)),
                    results.medianCpuPerGib(name)));
        }
        md.append(String.format(Locale.ROOT, "| **upload limit** = min(fastest plain copy %.0f, SHA-256 %.0f) | %.0f | | |%n%n",
                copyRate, shaRate, uploadLimit));
        md.append("CPU: user + system seconds of this JVM and, for VidShare and FtpServer, of the server process, per"
                + " GiB moved (the checks after each transfer are not counted).\n\n");
        md.append("| goal | measured / limit (MiB/s) | ratio | goal | met |\n|---|---:|---:|---:|---|\n");
        for (Goal goal : goals()) {
            md.append(String.format(Locale.ROOT, "| %s | %.0f / %.0f | **%.2f** | %s %.1f | %s |%n", goal.name(),
                    goal.measured(), goal.limit(), goal.ratio(), goal.goal() == 1.0 ? ">" : ">=", goal.goal(),
                    (goal.goal() == 1.0 ? goal.ratio() > 1.0 : goal.ratio() >= goal.goal()) ? "yes" : "no"));
        }
        md.append('\n').append(perRound()).append('\n');
        md.append("Against the plain JDK doing the same work (not goals: what the machine and the JDK allow):\n\n");
        md.append("| ratio | measured / reference (MiB/s) | ratio |\n|---|---:|---:|\n");
        for (Goal ratio : againstPlainJava()) {
            md.append(String.format(Locale.ROOT, "| %s | %.0f / %.0f | **%.2f** |%n", ratio.name(), ratio.measured(),
                    ratio.limit(), ratio.ratio()));
        }
        md.append('\n');
        md.append("![transfer rates](benchmark-chart.svg)\n");
        return md.toString();
    }

    /** Ratios within each round (steadier than ratios of medians on a shared machine). */
    private String perRound() {
        List<Double> download = new ArrayList<>();
        List<Double> upload = new ArrayList<>();
        for (int i = 0; i < results.rounds(); i++) {
            double best = 0;
            for (String copy : COPIES) {
                best = Math.max(best, results.rates(copy).get(i));
            }
            download.add(results.rates(DOWNLOAD).get(i) / best);
            upload.add(results.rates(UPLOAD).get(i) / Math.min(best, results.rates(SHA256).get(i)));
        }
        return String.format(Locale.ROOT, "Per round, against that round's own limits: download / fastest copy %s"
                + " (median %.2f); upload / upload limit %s (median %.2f).%n", ratioList(download), median(download),
                ratioList(upload), median(upload));
    }

    private List<String> allNames() {
        List<String> names = new ArrayList<>(COPIES);
        names.addAll(List.of(SHA256, HASHED_COPY, TLS_COPY, ENGINE_TLS_COPY, BORINGSSL_TLS_COPY, DOWNLOAD, DOWNLOAD_TLS, FTP_DOWNLOAD, UPLOAD,
                UPLOAD_TLS, FTP_UPLOAD, DURABLE_HASHED_COPY, DURABLE_UPLOAD));
        names.removeIf(name -> !results.has(name));
        return names;
    }

    /** Horizontal bars, one per transfer, grouped into downloads and uploads; no dependency needed. */
    String svg() {
        List<Object> rows = new ArrayList<>();
        rows.add("Downloads (server → client)");
        for (String copy : COPIES) {
            rows.add(new BarChart.Bar(copy, results.median(copy), copy.equals(fastestCopy) ? "#555555" : "#aaaaaa"));
        }
        rows.add(new BarChart.Bar(DOWNLOAD, results.median(DOWNLOAD), "#1f6fb4"));
        rows.add(new BarChart.Bar(TLS_COPY, results.median(TLS_COPY), "#aaaaaa"));
        rows.add(new BarChart.Bar(ENGINE_TLS_COPY, results.median(ENGINE_TLS_COPY), "#aaaaaa"));
        if (results.has(BORINGSSL_TLS_COPY)) {
            rows.add(new BarChart.Bar(BORINGSSL_TLS_COPY, results.median(BORINGSSL_TLS_COPY), "#aaaaaa"));
        }
        rows.add(new BarChart.Bar(DOWNLOAD_TLS, results.median(DOWNLOAD_TLS), "#7fb2de"));
        rows.add(new BarChart.Bar(FTP_DOWNLOAD, results.median(FTP_DOWNLOAD), "#e08a1e"));
        rows.add("Uploads (client → server, SHA-256 checked)");
        rows.add(new BarChart.Bar("upload limit = min(fastest copy, SHA-256)", uploadLimit, "#555555"));
        rows.add(new BarChart.Bar(SHA256, shaRate, "#aaaaaa"));
        rows.add(new BarChart.Bar(HASHED_COPY, results.median(HASHED_COPY), "#aaaaaa"));
        rows.add(new BarChart.Bar(UPLOAD, results.median(UPLOAD), "#1f6fb4"));
        rows.add(new BarChart.Bar(UPLOAD_TLS, results.median(UPLOAD_TLS), "#7fb2de"));
        rows.add(new BarChart.Bar(FTP_UPLOAD, results.median(FTP_UPLOAD), "#e08a1e"));
        if (results.has(DURABLE_UPLOAD)) {
            rows.add("Uploads on the disk before the reply (fsync; the server's default)");
            rows.add(new BarChart.Bar(DURABLE_HASHED_COPY, results.median(DURABLE_HASHED_COPY), "#aaaaaa"));
            rows.add(new BarChart.Bar(DURABLE_UPLOAD, results.median(DURABLE_UPLOAD), "#1f6fb4"));
        }
        return BarChart.svg(String.format(Locale.ROOT,
                "Transfer rate, MiB/s (median of %d rounds, %d MiB file, loopback, load %s → %s)",
                rounds, sizeMib, loadAtStart, loadAtEnd), rows, 430);
    }

    private static String roundList(List<Double> rates) {
        return String.join(", ", rates.stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList());
    }

    private static String ratioList(List<Double> ratios) {
        return String.join(", ", ratios.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList());
    }

    /** The first line of a benchmark's record: which program wrote it. */
    static String writtenBy(Class<?> program) {
        return "<!-- Written by " + program.getName() + "; rerun it instead of editing. -->\n";
    }

    /** The record's machine and load lines: what a reader needs to judge its numbers. */
    static String machineAndLoad(String loadAtStart, String loadAtEnd) {
        return "- Machine: " + Machine.description() + "\n- Load average (1/5/15 min): " + loadAtStart
                + " at the start, " + loadAtEnd + " at the end\n";
    }

    /** The record's command line, to rerun it. */
    static String command(Class<?> program, String arguments) {
        return "- Command: `java -p modules/bench/target/classes:modules/bench/target/lib -m org.vidshare.bench/"
                + program.getName() + " " + arguments + "`\n\n";
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
