package io.tributary.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One run of {@link AssignConsumer} over a topic that holds exactly {@code records} records.
 *
 * @param groupId the consumer group to subscribe in; empty to assign every partition instead
 */
public record ConsumeRun(String bootstrapServers, String topic, long records, Optional<String> groupId) {

    /** Assigned, no group. */
    public ConsumeRun(String bootstrapServers, String topic, long records) {
        this(bootstrapServers, topic, records, Optional.empty());
    }

    public ConsumeResult run(ClientJvm jvm, Path logFile, Duration timeout) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(bootstrapServers, topic, Long.toString(records), Long.toString(timeout.toMillis())));
        groupId.ifPresent(args::add);
        // The child gets a little longer than its own deadline, so that it can report what it read before it is killed.
        ClientJvm.Outcome outcome = jvm.run("consume " + topic, AssignConsumer.class.getName(), args, logFile,
                timeout.plusSeconds(30));
        if (outcome.exitCode() != 0) {
            throw new IOException("AssignConsumer on " + topic + " exited " + outcome.exitCode() + "; see " + logFile);
        }
        ConsumeResult result;
        try {
            result = ConsumeResult.parse(outcome.output());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage() + "; see " + logFile, e);
        }
        if (result.records() != records) {
            throw new IOException("read " + result.records() + " records from " + topic + ", expected " + records);
        }
        return result;
    }
}
