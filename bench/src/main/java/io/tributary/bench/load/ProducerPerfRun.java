package io.tributary.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of Kafka's own {@code org.apache.kafka.tools.ProducerPerformance}: the producer the client
 * defaults give (acks=all, idempotent), random 1 KiB values, against one topic.
 *
 * @param throughput   records/s to throttle to, or -1 for as fast as the broker acknowledges
 * @param warmupRecords records left out of the steady-state line the result is taken from
 */
public record ProducerPerfRun(String bootstrapServers, String topic, long records, long warmupRecords,
                              int recordSizeBytes, double throughput) {

    public static final String MAIN_CLASS = "org.apache.kafka.tools.ProducerPerformance";

    public ProducerPerfRun {
        if (warmupRecords < 0 || warmupRecords >= records) {
            throw new IllegalArgumentException("warm-up must be fewer than the records: " + warmupRecords + " of " + records);
        }
    }

    public List<String> arguments() {
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap-server", bootstrapServers,
                "--topic", topic,
                "--num-records", Long.toString(records),
                "--record-size", Integer.toString(recordSizeBytes),
                "--throughput", throughput < 0 ? "-1" : Long.toString(Math.round(throughput))));
        if (warmupRecords > 0) {
            args.addAll(List.of("--warmup-records", Long.toString(warmupRecords)));
        }
        // acks=all is the client default already; it is spelled out so the command line says what is measured.
        args.addAll(List.of("--command-property", "acks=all"));
        return args;
    }

    /** Runs it and returns the parsed result; fails if the tool failed or not every record was acknowledged. */
    public ProducerPerfResult run(ClientJvm jvm, Path logFile, Duration timeout) throws IOException, InterruptedException {
        ProducerPerfResult result = jvm.runAndParse("producer-perf " + topic, MAIN_CLASS, arguments(), logFile, timeout,
                ProducerPerfParser::parse);
        long expected = result.steadyState() ? records - warmupRecords : records;
        if (result.records() != expected) {
            throw new IOException("only " + result.records() + " of " + expected + " records were acknowledged on "
                    + topic + "; see " + logFile);
        }
        return result;
    }
}
