package io.tributary.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.network.NettyLeaks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ProduceResponse;

/**
 * Random pipelines of produce requests on one connection, some refused, some that close the
 * connection (malformed, or a failed {@code acks=0}): every answer comes back in order with the
 * expected error, everything acknowledged is readable at the offsets it was given, and no request
 * frame is left unreleased (Netty's leak detector, paranoid in the broker's tests).
 */
class ProduceLifetimeProperties {

    static {
        NettyLeaks.install();
    }

    /** What one request in the pipeline is. The last two close the connection. */
    enum Kind { ACKS_1, ACKS_ALL, ACKS_0, CORRUPT, UNKNOWN_PARTITION, FAILED_ACKS_0, MALFORMED }

    record Step(Kind kind, int records, int valueBytes) {
        boolean closes() {
            return kind == Kind.FAILED_ACKS_0 || kind == Kind.MALFORMED;
        }

        boolean answered() {
            return kind != Kind.ACKS_0 && !closes();
        }
    }

    private static Path dir;
    private static TestBroker broker;
    private static Admin admin;
    private static final AtomicInteger TOPICS = new AtomicInteger();

    @BeforeContainer
    static void startBroker() throws Exception {
        dir = Files.createTempDirectory("produce-lifetime");
        broker = new TestBroker(dir);
        admin = broker.admin();
    }

    @AfterContainer
    static void stopBroker() throws Exception {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<List<Step>> pipelines() {
        Arbitrary<Kind> kinds = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(Kind.ACKS_1)),
                net.jqwik.api.Tuple.of(6, Arbitraries.just(Kind.ACKS_ALL)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Kind.ACKS_0)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.CORRUPT)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.UNKNOWN_PARTITION)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.FAILED_ACKS_0)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.MALFORMED)));
        Arbitrary<Step> steps = Combinators.combine(kinds, Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(0, 3000)).as(Step::new);
        return steps.list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 15)
    void pipelinedProducesAreAnsweredInOrderReadableAndLeakFree(@ForAll("pipelines") List<Step> pipeline) throws Exception {
        String topic = "p" + TOPICS.incrementAndGet();
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        Map<Long, String> acknowledged = new LinkedHashMap<>();
        try (RawKafkaClient c = new RawKafkaClient(broker.bootstrap())) {
            List<Integer> ids = new ArrayList<>();
            List<List<String>> values = new ArrayList<>();
            for (int i = 0; i < pipeline.size(); i++) {
                Step s = pipeline.get(i);
                List<String> v = new ArrayList<>();
                for (int r = 0; r < s.records(); r++) {
                    v.add(i + "." + r + ":" + "v".repeat(s.valueBytes()));
                }
                values.add(v);
                try {
                    ids.add(send(c, topic, s, v));
                } catch (java.io.IOException e) {
                    // Once a step that closes the connection is on its way, the broker may already
                    // have closed: later writes can fail (broken pipe, reset), and nothing after the
                    // closing step is answered anyway. Before that, a failed write is a real failure.
                    if (!closerSentBefore(pipeline, i)) {
                        throw e;
                    }
                    ids.add(-1);
                }
            }
            boolean closed = false;
            for (int i = 0; i < pipeline.size() && !closed; i++) {
                Step s = pipeline.get(i);
                if (s.closes()) {
                    assertThat(c.closedByPeer(10_000)).as("step %d (%s) closes the connection", i, s.kind()).isTrue();
                    closed = true;
                } else if (s.answered()) {
                    RawKafkaClient.Response r = c.receive();
                    assertThat(r.correlationId()).as("answer to step %d", i).isEqualTo(ids.get(i));
                    var p = ProduceLifetimeTest.only((ProduceResponse) r.body());
                    Errors expected = switch (s.kind()) {
                        case CORRUPT -> Errors.CORRUPT_MESSAGE;
                        case UNKNOWN_PARTITION -> Errors.UNKNOWN_TOPIC_OR_PARTITION;
                        default -> Errors.NONE;
                    };
                    assertThat(Errors.forCode(p.errorCode())).as("step %d (%s)", i, s.kind()).isEqualTo(expected);
                    if (expected == Errors.NONE) {
                        for (int r2 = 0; r2 < values.get(i).size(); r2++) {
                            acknowledged.put(p.baseOffset() + r2, values.get(i).get(r2));
                        }
                    }
                }
            }
        }
        Map<Long, String> read = ProduceLifetimeTest.readAll(broker.bootstrap(), topic);
        assertThat(read).containsAllEntriesOf(acknowledged);
        NettyLeaks.assertNoLeaks();
    }

    private static boolean closerSentBefore(List<Step> pipeline, int index) {
        return pipeline.subList(0, index).stream().anyMatch(Step::closes);
    }

    private static int send(RawKafkaClient c, String topic, Step s, List<String> values) throws Exception {
        var records = RawKafkaClient.plain(System.currentTimeMillis(), values.toArray(String[]::new));
        return switch (s.kind()) {
            case ACKS_1 -> c.send(RawKafkaClient.produce(topic, 0, (short) 1, records));
            case ACKS_ALL -> c.send(RawKafkaClient.produce(topic, 0, (short) -1, records));
            case ACKS_0 -> c.send(RawKafkaClient.produce(topic, 0, (short) 0, records));
            case CORRUPT -> c.send(RawKafkaClient.produce(topic, 0, (short) 1, ProduceLifetimeTest.corrupted(records)));
            case UNKNOWN_PARTITION -> c.send(RawKafkaClient.produce(topic, 3, (short) 1, records));
            case FAILED_ACKS_0 -> c.send(RawKafkaClient.produce(topic, 3, (short) 0, records));
            case MALFORMED -> {
                c.sendRaw(ProduceLifetimeTest.truncatedProduce(records));
                yield -1;
            }
        };
    }
}
