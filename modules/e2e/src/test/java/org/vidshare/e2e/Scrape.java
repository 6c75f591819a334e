package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The samples of one text-format scrape: name, labels, value. */
record Scrape(Map<String, Map<Map<String, String>, Double>> samples) {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Scrapes {@code /metrics} on loopback at {@code port} (the server's metrics.port). */
    static Scrape of(int port) throws IOException {
        HttpURLConnection http = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/metrics").openConnection();
        http.setConnectTimeout(30_000);
        http.setReadTimeout(30_000);
        try (InputStream in = http.getInputStream()) {
            assertThat(http.getResponseCode()).isEqualTo(200);
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            http.disconnect();
        }
    }

    static Scrape parse(String text) {
        Map<String, Map<Map<String, String>, Double>> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.find()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.computeIfAbsent(sample.group(1), n -> new HashMap<>())
                    .put(labels, Double.parseDouble(sample.group(4)));
        }
        return new Scrape(samples);
    }

    /** The sum of the samples whose labels include these (0 when none: a counter not yet touched). */
    double value(String name, String... labelPairs) {
        return matching(name, labelPairs).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    boolean has(String name, String... labelPairs) {
        return !matching(name, labelPairs).isEmpty();
    }

    private Map<Map<String, String>, Double> matching(String name, String... labelPairs) {
        Map<Map<String, String>, Double> found = new HashMap<>();
        samples.getOrDefault(name, Map.of()).forEach((labels, value) -> {
            for (int i = 0; i < labelPairs.length; i += 2) {
                if (!labelPairs[i + 1].equals(labels.get(labelPairs[i]))) {
                    return;
                }
            }
            found.put(labels, value);
        });
        return found;
    }
}
