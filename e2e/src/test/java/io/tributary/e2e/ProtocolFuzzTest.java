package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.Nodes;
import io.tributary.e2e.harness.RawConnection;
import io.tributary.e2e.harness.RequestFrames;
import io.tributary.e2e.harness.RequestFrames.ApiRange;
import io.tributary.e2e.harness.RequestFrames.ApiVersionsV0;
import io.tributary.e2e.harness.TributaryExtension;
import io.tributary.e2e.harness.TributaryNode;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bad bytes over a real socket: random bytes, truncated frames, frames claiming oversized or
 * negative lengths, valid headers with garbage bodies, unknown API keys and versions. The broker
 * must answer or close that connection, and nothing else: after every burst the node process is
 * alive, a normal Java client is served, and the records written before the fuzzing are intact.
 *
 * <p>The bursts are random but reproducible: the seed is logged, and
 * {@code -Dtributary.e2e.fuzz.seed=N} replays it.
 */
@ExtendWith(TributaryExtension.class)
class ProtocolFuzzTest {
    private static final Logger LOG = LoggerFactory.getLogger(ProtocolFuzzTest.class);
    private static final long SEED = Long.getLong("tributary.e2e.fuzz.seed", System.nanoTime());
    /** How long the broker may take to close a connection it must close. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** How long a garbage request may stay unanswered before the test stops waiting for it. */
    private static final Duration GARBAGE_WAIT = Duration.ofMillis(300);
    /** Kafka's default socket.request.max.bytes; a frame claiming more is refused unread. */
    private static final int REQUEST_BYTES_MAX = 104_857_600;
    /** Unique per run, so the test can target a long-running external cluster more than once. */
    private static final String SEED_TOPIC = "fuzz-seed-" + UUID.randomUUID();
    private static final int SEED_RECORDS = 100;

    private static Nodes nodes;
    private static String bootstrap;
    private static List<SampleRecord> seeded;
    private final List<RawConnection> leftOpen = new ArrayList<>();
    private Random random;
    private String testName;

    @BeforeAll
    static void writeRecordsThatMustSurvive(Nodes classNodes) {
        nodes = classNodes;
        bootstrap = nodes.bootstrap();
        Clients.createTopic(bootstrap, SEED_TOPIC, 1);
        seeded = SampleRecord.generate("fuzz", SEED_RECORDS, System.currentTimeMillis() - 60_000);
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(bootstrap)) {
            SampleRecord.produceAll(producer, SEED_TOPIC, 0, seeded);
        }
    }

    @BeforeEach
    void seedRandom(TestInfo info) {
        testName = info.getTestMethod().orElseThrow().getName();
        long testSeed = SEED ^ testName.hashCode();
        LOG.info("{}: fuzz seed {} (replay with -Dtributary.e2e.fuzz.seed={})", testName, testSeed, SEED);
        random = new Random(testSeed);
    }

    @AfterEach
    void nodeIsAliveServesClientsAndKeepsItsData() {
        try {
            for (TributaryNode node : nodes.all()) {
                assertThat(node.isAlive()).as("%s is alive after the %s burst (seed %s)", node, testName, SEED).isTrue();
            }
            SampleRecord.assertReadBack(Clients.readToEnd(bootstrap, new TopicPartition(SEED_TOPIC, 0), 0,
                    Duration.ofSeconds(30)), seeded, 0);
            String probeTopic = "fuzz-probe-" + testName + "-" + UUID.randomUUID();
            Clients.createTopic(bootstrap, probeTopic, 1);
            List<SampleRecord> probe = SampleRecord.generate("probe", 10, System.currentTimeMillis());
            try (KafkaProducer<byte[], byte[]> producer = Clients.producer(bootstrap)) {
                SampleRecord.produceAll(producer, probeTopic, 0, probe);
            }
            SampleRecord.assertReadBack(Clients.readToEnd(bootstrap, new TopicPartition(probeTopic, 0), 0,
                    Duration.ofSeconds(30)), probe, 0);
        } finally {
            leftOpen.forEach(RawConnection::close);
        }
    }

    @Test
    void randomBytes() {
        for (int i = 0; i < 40; i++) {
            try (RawConnection connection = RawConnection.open(bootstrap)) {
                connection.send(randomBytes(1 + random.nextInt(4096)));
            }
        }
        // Random bodies behind an honest size: the broker reads a whole frame of garbage.
        for (int i = 0; i < 20; i++) {
            try (RawConnection connection = RawConnection.open(bootstrap)) {
                connection.send(RequestFrames.frame(randomBytes(random.nextInt(512))));
                connection.awaitClosedByPeer(GARBAGE_WAIT);
            }
        }
    }

    @Test
    void truncatedFrames() {
        byte[] apiVersions = RequestFrames.apiVersionsV0(7);
        for (int cut = 1; cut < apiVersions.length; cut++) {
            try (RawConnection connection = RawConnection.open(bootstrap)) {
                connection.send(Arrays.copyOf(apiVersions, cut));
            }
        }
        // Frames that stop part-way and stay open while the health check runs: a slow or stuck
        // client must not hold up anyone else.
        for (int i = 0; i < 5; i++) {
            RawConnection connection = RawConnection.open(bootstrap);
            leftOpen.add(connection);
            byte[] header = RequestFrames.header(0, 9, i, "stalled", true);
            connection.send(RequestFrames.withClaimedSize(10_000, header, randomBytes(100)));
        }
    }

    @Test
    void oversizedAndNegativeLengthsCloseTheConnection() {
        int[] claimedSizes = {REQUEST_BYTES_MAX + 1, Integer.MAX_VALUE, -1, Integer.MIN_VALUE,
                REQUEST_BYTES_MAX + 1 + random.nextInt(Integer.MAX_VALUE - REQUEST_BYTES_MAX - 1)};
        for (int claimed : claimedSizes) {
            try (RawConnection connection = RawConnection.open(bootstrap)) {
                byte[] header = RequestFrames.header(RequestFrames.API_VERSIONS, 0, 1, "oversized", false);
                connection.send(RequestFrames.withClaimedSize(claimed, header, randomBytes(1024)));
                assertThat(connection.awaitClosedByPeer(CLOSE_TIMEOUT))
                        .as("a frame claiming %s bytes closes the connection within %s", claimed, CLOSE_TIMEOUT)
                        .isTrue();
            }
        }
    }

    @Test
    void validHeadersWithGarbageBodies() {
        List<ApiRange> apis = advertisedApis();
        assertThat(apis).as("APIs advertised by ApiVersions v0").isNotEmpty();
        int correlationId = 1000;
        for (ApiRange api : apis) {
            for (int version : List.of((int) api.minVersion(), (int) api.maxVersion(),
                    api.minVersion() + random.nextInt(api.maxVersion() - api.minVersion() + 1))) {
                try (RawConnection connection = RawConnection.open(bootstrap)) {
                    byte[] header = RequestFrames.header(api.apiKey(), version, correlationId++, "garbage", random.nextBoolean());
                    connection.send(RequestFrames.frame(header, randomBytes(random.nextInt(200))));
                    // The broker may answer (garbage can parse) or close; either is fine, so wait briefly.
                    connection.awaitClosedByPeer(GARBAGE_WAIT);
                }
            }
        }
    }

    @Test
    void apiVersionsOfAnUnknownVersionGetsUnsupportedVersionAtV0() {
        try (RawConnection connection = RawConnection.open(bootstrap)) {
            // What a newer client sends first: a flexible header for a version this broker lacks.
            int unknownVersion = Short.MAX_VALUE - random.nextInt(100);
            connection.send(RequestFrames.frame(
                    RequestFrames.header(RequestFrames.API_VERSIONS, unknownVersion, 4242, "future-client", true),
                    new byte[] {0, 0, 0}));
            ByteBuffer frame = connection.readFrame(CLOSE_TIMEOUT)
                    .orElseThrow(() -> new AssertionError("the broker closed instead of answering ApiVersions v" + unknownVersion));
            ApiVersionsV0 response = ApiVersionsV0.parse(frame);
            assertThat(response.correlationId()).as("correlation id").isEqualTo(4242);
            assertThat(response.errorCode()).as("error code").isEqualTo(RequestFrames.UNSUPPORTED_VERSION);
            assertThat(response.apis()).as("advertised APIs")
                    .anySatisfy(api -> assertThat(api.apiKey()).isEqualTo(RequestFrames.API_VERSIONS));
        }
    }

    @Test
    void unknownApiKeysAndVersionsCloseTheConnection() {
        List<short[]> unknown = new ArrayList<>();
        for (short key : new short[] {(short) 9999, Short.MAX_VALUE, -1, (short) (2000 + random.nextInt(20000))}) {
            unknown.add(new short[] {key, 0});
        }
        for (ApiRange api : advertisedApis()) {
            if (api.apiKey() != RequestFrames.API_VERSIONS && api.maxVersion() < Short.MAX_VALUE) {
                unknown.add(new short[] {api.apiKey(), (short) (api.maxVersion() + 1 + random.nextInt(Short.MAX_VALUE - api.maxVersion()))});
            }
        }
        for (short[] keyAndVersion : unknown) {
            try (RawConnection connection = RawConnection.open(bootstrap)) {
                connection.send(RequestFrames.frame(
                        RequestFrames.header(keyAndVersion[0], keyAndVersion[1], 77, "unknown", random.nextBoolean()),
                        randomBytes(random.nextInt(64))));
                assertThat(connection.awaitClosedByPeer(CLOSE_TIMEOUT))
                        .as("api key %s version %s closes the connection within %s", keyAndVersion[0], keyAndVersion[1],
                                CLOSE_TIMEOUT)
                        .isTrue();
            }
        }
    }

    /** The node's own ApiVersions v0 answer, so garbage goes to the APIs it really parses. */
    private static List<ApiRange> advertisedApis() {
        try (RawConnection connection = RawConnection.open(bootstrap)) {
            connection.send(RequestFrames.apiVersionsV0(1));
            ApiVersionsV0 response = ApiVersionsV0.parse(connection.readFrame(CLOSE_TIMEOUT)
                    .orElseThrow(() -> new AssertionError("the broker closed instead of answering ApiVersions v0")));
            assertThat(response.errorCode()).as("ApiVersions v0 error code").isZero();
            assertThat(response.correlationId()).as("ApiVersions v0 correlation id").isEqualTo(1);
            return response.apis();
        }
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
