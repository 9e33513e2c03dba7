package io.tributary.bench.load;

/**
 * What {@link AssignConsumer} read: records and bytes (key + value, as Kafka's ConsumerPerformance counts
 * them) and the time from the first poll to the last expected record.
 */
public record ConsumeResult(long records, long bytes, long elapsedMs) {

    private static final double MIB = 1024.0 * 1024.0;

    public ConsumeResult {
        if (records <= 0 || bytes <= 0 || elapsedMs <= 0) {
            throw new IllegalArgumentException("a consume result needs records, bytes and time: "
                    + records + " records, " + bytes + " bytes, " + elapsedMs + " ms");
        }
    }

    /** MB/s with MB = 2^20 bytes, as Kafka's perf tools count it. */
    public double mbPerSec() {
        return bytes / MIB / (elapsedMs / 1000.0);
    }

    public double recordsPerSec() {
        return records / (elapsedMs / 1000.0);
    }

    /** The one line {@link AssignConsumer} prints and {@link #parse} reads. */
    public String line() {
        return "ASSIGN-CONSUME records=" + records + " bytes=" + bytes + " elapsed_ms=" + elapsedMs;
    }

    public static ConsumeResult parse(String output) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern
                .compile("^ASSIGN-CONSUME records=([0-9]+) bytes=([0-9]+) elapsed_ms=([0-9]+)\\s*$", java.util.regex.Pattern.MULTILINE)
                .matcher(output);
        if (!matcher.find()) {
            throw new IllegalArgumentException("no ASSIGN-CONSUME result line in the consumer's output");
        }
        return new ConsumeResult(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)), Long.parseLong(matcher.group(3)));
    }
}
