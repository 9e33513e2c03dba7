package io.tributary.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One run of Kafka's own {@code org.apache.kafka.tools.ConsumerPerformance}, what
 * {@code kafka-consumer-perf-test.sh} runs: one consumer subscribes in group {@code groupId} (new, so it starts
 * from the earliest offset) and reads {@code records} records of {@code topic}, with the tool's own consumer
 * settings (max.partition.fetch.bytes 1 MiB, receive buffer 2 MiB, check.crcs=false) and the client's
 * defaults otherwise.
 *
 * @param recordGap the longest the tool waits for the next record ({@code --timeout}); its clock starts at
 *                  the subscribe, so this must also cover joining the group on a loaded machine, which took
 *                  15 s at nice 19 under another benchmark (the tool's default is 10 s)
 */
public record ConsumerPerfRun(String bootstrapServers, String topic, long records, String groupId, Duration recordGap) {

    public static final String MAIN_CLASS = "org.apache.kafka.tools.ConsumerPerformance";

    public ConsumerPerfRun {
        if (records <= 0) {
            throw new IllegalArgumentException("a consume run needs records to read: " + records);
        }
    }

    /** Kafka 4.3.1 deprecates {@code --messages} for {@code --num-records}; the bench uses the option that stays. */
    public List<String> arguments() {
        return List.of(
                "--bootstrap-server", bootstrapServers,
                "--topic", topic,
                "--group", groupId,
                "--num-records", Long.toString(records),
                "--timeout", Long.toString(recordGap.toMillis()));
    }

    /** Runs it and returns the parsed summary; fails if the tool failed or read anything but all {@code records}. */
    public ConsumerPerfResult run(ClientJvm jvm, Path logFile, Duration timeout) throws IOException, InterruptedException {
        ConsumerPerfResult result = jvm.runAndParse("consumer-perf " + topic, MAIN_CLASS, arguments(), logFile, timeout,
                ConsumerPerfParser::parse);
        // The tool exits 0 after a timeout, and stops at the first poll that reaches the count, so it may read more.
        if (result.timedOut() || result.records() != records) {
            throw new IOException("ConsumerPerformance read " + result.records() + " of the " + records + " records in " + topic
                    + (result.timedOut() ? " and gave up after " + recordGap.toMillis() + " ms without a record" : "")
                    + "; see " + logFile);
        }
        return result;
    }
}
