package io.tributary.bench.load;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses the output of Kafka's {@code ConsumerPerformance} without {@code --show-detailed-stats}: a header
 * naming the columns, then one comma-separated summary line, with a warning line between them when the tool
 * stopped before reading every record it was asked for (Kafka 4.3.1):
 *
 * <pre>
 * start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
 * WARNING: Exiting before consuming the expected number of records: timeout (3000 ms) exceeded. You can use the --timeout option to increase the timeout.
 * 2026-12-07 11:56:11:006, 2026-12-07 11:56:28:903, 19.5313, 1.0913, 20000, 1117.5057, 11216, 6681, 2.9234, 2993.5638
 * </pre>
 *
 * Columns are found by their header names, so a tool that reorders them still parses and one that drops
 * or renames one fails here rather than yielding a wrong figure.
 */
public final class ConsumerPerfParser {

    static final List<String> COLUMNS = List.of("start.time", "end.time", "data.consumed.in.MB", "MB.sec",
            "data.consumed.in.nMsg", "nMsg.sec", "rebalance.time.ms", "fetch.time.ms", "fetch.MB.sec", "fetch.nMsg.sec");
    private static final Pattern SEPARATOR = Pattern.compile("\\s*,\\s*");
    private static final String TIMEOUT_WARNING = "WARNING: Exiting before consuming";

    private ConsumerPerfParser() {
    }

    /** The summary of {@code output}; throws if it has no header or no summary line under it. */
    public static ConsumerPerfResult parse(String output) {
        List<String> lines = output.lines().map(String::strip).toList();
        int headerAt = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(COLUMNS.get(0) + ",")) {
                headerAt = i;
            }
        }
        if (headerAt < 0) {
            throw new IllegalArgumentException("no ConsumerPerformance header (" + COLUMNS.get(0) + ", ...) in its output");
        }
        List<String> header = Arrays.asList(SEPARATOR.split(lines.get(headerAt)));
        for (String column : COLUMNS) {
            if (!header.contains(column)) {
                throw new IllegalArgumentException("ConsumerPerformance's header has no column " + column + ": " + lines.get(headerAt));
            }
        }
        boolean timedOut = false;
        for (String line : lines.subList(headerAt + 1, lines.size())) {
            if (line.startsWith(TIMEOUT_WARNING)) {
                timedOut = true;
                continue;
            }
            String[] fields = SEPARATOR.split(line);
            if (fields.length == header.size()) {
                return toResult(header, fields, timedOut);
            }
        }
        throw new IllegalArgumentException("no ConsumerPerformance summary line under its header");
    }

    private static ConsumerPerfResult toResult(List<String> header, String[] fields, boolean timedOut) {
        try {
            return new ConsumerPerfResult(
                    Double.parseDouble(field(header, fields, "data.consumed.in.MB")),
                    Double.parseDouble(field(header, fields, "MB.sec")),
                    Long.parseLong(field(header, fields, "data.consumed.in.nMsg")),
                    Double.parseDouble(field(header, fields, "nMsg.sec")),
                    Long.parseLong(field(header, fields, "rebalance.time.ms")),
                    Long.parseLong(field(header, fields, "fetch.time.ms")),
                    Double.parseDouble(field(header, fields, "fetch.MB.sec")),
                    Double.parseDouble(field(header, fields, "fetch.nMsg.sec")),
                    timedOut);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ConsumerPerformance's summary line has a field that is not a number: "
                    + String.join(", ", fields), e);
        }
    }

    private static String field(List<String> header, String[] fields, String column) {
        return fields[header.indexOf(column)];
    }
}
