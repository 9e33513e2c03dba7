package io.tributary.bench.load;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Brings a fresh node to the point where the load can start: waits until it answers a cluster
 * description (the controller has elected itself and the broker is registered), then creates the
 * topics with replication factor 1. It runs in the bench's own JVM, before any measurement starts.
 */
public final class TopicAdmin {

    private TopicAdmin() {
    }

    public static void awaitReadyAndCreate(String bootstrapServers, Map<String, Integer> partitionsByTopic, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "bench-admin");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(props)) {
            int brokers;
            try {
                brokers = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            } catch (TimeoutException e) {
                throw new TimeoutException("no DescribeCluster answer from " + bootstrapServers + " within " + timeout.toSeconds() + " s");
            }
            if (brokers != 1) {
                throw new IllegalStateException("expected a single-node cluster at " + bootstrapServers + ", found " + brokers + " nodes");
            }
            List<NewTopic> topics = partitionsByTopic.entrySet().stream()
                    .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1))
                    .toList();
            try {
                admin.createTopics(topics).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new TimeoutException("CreateTopics " + partitionsByTopic + " did not complete within " + timeout.toSeconds() + " s");
            }
        }
    }
}
