package io.tributary.e2e;

import io.tributary.e2e.harness.TributaryNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a node's {@code /metrics} over HTTP, parsed into samples: a sample is a series name,
 * its labels and its value. The parser reads the Prometheus text format as the broker writes it (one
 * sample a line, label values quoted without embedded quotes, which our topic and group names never
 * hold); it is a test reader, not a general one.
 */
record MetricsScrape(String text, List<Sample> samples) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern BOUND = Pattern.compile("HTTP listener bound to http://([^:]+):(\\d+)");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)\\})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

    record Sample(String name, Map<String, String> labels, double value) {
    }

    /** The HTTP port the node logged at its last launch. */
    static int httpPort(TributaryNode node) {
        List<String> lines = node.log().linesSinceLastLaunchMatching(BOUND);
        if (lines.isEmpty()) {
            throw new AssertionError("node " + node.nodeId() + " logged no HTTP listener");
        }
        Matcher m = BOUND.matcher(lines.get(lines.size() - 1));
        if (!m.find()) {
            throw new AssertionError("cannot read the HTTP port from: " + lines.get(lines.size() - 1));
        }
        return Integer.parseInt(m.group(2));
    }

    static HttpResponse<String> get(TributaryNode node, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort(node) + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " from node " + node.nodeId() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static MetricsScrape of(TributaryNode node) {
        HttpResponse<String> r = get(node, "/metrics");
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /metrics from node " + node.nodeId() + " answered " + r.statusCode() + ": " + r.body());
        }
        return parse(r.body());
    }

    static MetricsScrape parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.find()) {
                throw new AssertionError("not a sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            out.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
        }
        return new MetricsScrape(text, List.copyOf(out));
    }

    /** The sum of every sample of {@code name} whose labels include {@code match} (pairs of key, value). */
    double sum(String name, String... match) {
        double total = 0;
        for (Sample s : samples) {
            if (s.name().equals(name) && matches(s, match)) {
                total += s.value();
            }
        }
        return total;
    }

    /** Whether any sample of {@code name} has labels including {@code match}. */
    boolean has(String name, String... match) {
        return samples.stream().anyMatch(s -> s.name().equals(name) && matches(s, match));
    }

    private static boolean matches(Sample s, String... match) {
        for (int i = 0; i + 1 < match.length; i += 2) {
            if (!match[i + 1].equals(s.labels().get(match[i]))) {
                return false;
            }
        }
        return true;
    }
}
