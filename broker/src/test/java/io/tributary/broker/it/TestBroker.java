package io.tributary.broker.it;

import io.tributary.broker.Broker;
import io.tributary.broker.config.BrokerConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A broker in this JVM on an ephemeral port and a temp directory, plus official Java clients pointed at it. */
final class TestBroker implements AutoCloseable {

    final Path dir;
    final Map<String, String> props;
    Broker broker;

    TestBroker(Path dir, Map<String, String> overrides) throws Exception {
        this.dir = dir;
        this.props = new HashMap<>();
        props.put("node.id", "1");
        props.put("listeners", "PLAINTEXT://127.0.0.1:0");
        props.put("log.dirs", dir.resolve("logs").toString());
        props.put("group.initial.rebalance.delay.ms", "0");
        props.putAll(overrides);
        start();
    }

    TestBroker(Path dir) throws Exception {
        this(dir, Map.of());
    }

    /** A started broker with one single-partition, single-replica topic named {@code topic}. */
    static TestBroker withTopic(Path dir, String topic) throws Exception {
        TestBroker b = new TestBroker(dir);
        try (Admin admin = b.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        return b;
    }

    void start() throws Exception {
        broker = Broker.start(BrokerConfig.parse(props));
    }

    /** Stops cleanly and starts again on the same directory (and a new port). */
    void restart() throws Exception {
        broker.close();
        start();
    }

    String bootstrap() {
        return broker.bootstrapServers();
    }

    Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        return Admin.create(p);
    }

    KafkaProducer<String, String> producer(Map<String, Object> extra) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.putAll(extra);
        return new KafkaProducer<>(p);
    }

    KafkaProducer<String, String> producer() {
        return producer(Map.of());
    }

    KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(p);
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.close();
        }
    }
}
