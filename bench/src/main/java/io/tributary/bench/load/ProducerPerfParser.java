package io.tributary.bench.load;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the output of Kafka's {@code ProducerPerformance}. Besides a progress line every five seconds,
 * it prints one total line at the end, and with {@code --warmup-records} a second total line marked
 * "steady state" that leaves the warm-up out:
 *
 * <pre>
 * 900000 steady state records sent, 61050.2 records/sec (59.62 MB/sec), 310.11 ms avg latency, 915.00 ms max latency, 302 ms 50th, 610 ms 95th, 700 ms 99th, 890 ms 99.9th.
 * </pre>
 *
 * The steady-state line wins when present. Progress lines (which end in "max latency.") never match.
 */
public final class ProducerPerfParser {

    private static final String NUMBER = "([0-9]+(?:\\.[0-9]+)?)";
    private static final Pattern TOTAL = Pattern.compile(
            "^([0-9]+)( steady state)? records sent, " + NUMBER + " records/sec \\(" + NUMBER + " MB/sec\\), "
                    + NUMBER + " ms avg latency, " + NUMBER + " ms max latency, "
                    + "([0-9]+) ms 50th, ([0-9]+) ms 95th, ([0-9]+) ms 99th, ([0-9]+) ms 99\\.9th\\.\\s*$",
            Pattern.MULTILINE);

    private ProducerPerfParser() {
    }

    /** The steady-state result if the output has one, else the overall one; throws if there is neither. */
    public static ProducerPerfResult parse(String output) {
        ProducerPerfResult total = null;
        ProducerPerfResult steady = null;
        Matcher matcher = TOTAL.matcher(output);
        while (matcher.find()) {
            ProducerPerfResult result = toResult(matcher);
            if (result.steadyState()) {
                steady = result;
            } else {
                total = result;
            }
        }
        if (steady != null) {
            return steady;
        }
        if (total != null) {
            return total;
        }
        throw new IllegalArgumentException("no ProducerPerformance summary line in its output");
    }

    private static ProducerPerfResult toResult(Matcher m) {
        return new ProducerPerfResult(
                Long.parseLong(m.group(1)), m.group(2) != null,
                Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)),
                Double.parseDouble(m.group(5)), Double.parseDouble(m.group(6)),
                Long.parseLong(m.group(7)), Long.parseLong(m.group(8)),
                Long.parseLong(m.group(9)), Long.parseLong(m.group(10)));
    }
}
