package io.tributary.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** One run of {@link AssignConsumer} over a topic that holds exactly {@code records} records. */
public record ConsumeRun(String bootstrapServers, String topic, long records) {

    public ConsumeResult run(ClientJvm jvm, Path logFile, Duration timeout) throws IOException, InterruptedException {
        List<String> args = List.of(bootstrapServers, topic, Long.toString(records), Long.toString(timeout.toMillis()));
        // The child gets a little longer than its own deadline, so that it can report what it read before it is killed.
        ConsumeResult result = jvm.runAndParse("consume " + topic, AssignConsumer.class.getName(), args, logFile,
                timeout.plusSeconds(30), ConsumeResult::parse);
        if (result.records() != records) {
            throw new IOException("read " + result.records() + " records from " + topic + ", expected " + records);
        }
        return result;
    }
}
