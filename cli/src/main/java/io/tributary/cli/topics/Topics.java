package io.tributary.cli.topics;

import io.tributary.cli.CliException;
import io.tributary.cli.Errors;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Topic look-ups every command shares, with "does not exist" said in words. */
public final class Topics {
    private Topics() {
    }

    /** Describes {@code names}, sorted by name; a missing one fails with {@code topic 'x' does not exist}. */
    public static Map<String, TopicDescription> describe(Admin admin, Collection<String> names) throws Exception {
        Map<String, KafkaFuture<TopicDescription>> futures = admin.describeTopics(names).topicNameValues();
        Map<String, TopicDescription> described = new TreeMap<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> entry : futures.entrySet()) {
            try {
                described.put(entry.getKey(), entry.getValue().get());
            } catch (ExecutionException e) {
                throw missingAsCli(e, entry.getKey());
            }
        }
        return described;
    }

    /** {@code e} as {@code topic 'x' does not exist} when that is its cause, else unchanged. */
    public static Exception missingAsCli(Exception e, String topic) {
        if (Errors.unwrap(e) instanceof UnknownTopicOrPartitionException) {
            return doesNotExist(topic);
        }
        return e;
    }

    public static CliException doesNotExist(String topic) {
        return new CliException("topic '" + topic + "' does not exist");
    }
}
