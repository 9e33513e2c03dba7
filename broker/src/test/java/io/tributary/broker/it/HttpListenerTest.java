package io.tributary.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.network.NettyLeaks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP listener over real sockets: {@code /metrics} in Prometheus' text format, and every kind of
 * bad input (unknown path, wrong method, oversized line, headers or body, bytes that are not HTTP,
 * too many connections) answered with one status and a line naming the cause, while the broker goes
 * on serving HTTP and Kafka clients.
 */
class HttpListenerTest {

    @TempDir
    Path dir;
    TestBroker b;

    @BeforeEach
    void start() throws Exception {
        NettyLeaks.install();
        b = new TestBroker(dir, Map.of("http.listener", "http://127.0.0.1:0"));
    }

    @AfterEach
    void stop() {
        b.close();
        NettyLeaks.assertNoLeaks();
    }

    private InetSocketAddress http() {
        return b.broker.httpAddress().orElseThrow();
    }

    /** Sends {@code request} as is and reads the answer until the server closes it (every answer here closes). */
    private String exchange(byte[] request) throws IOException {
        return exchange(request, 30_000);
    }

    /** As above, giving up after {@code silenceMs} without a byte (bytes the server may still wait on). */
    private String exchange(byte[] request, int silenceMs) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(http(), 5000);
            s.setSoTimeout(silenceMs);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            return readAll(s.getInputStream());
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                got.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // A kept-alive connection: what arrived is the answer.
        } catch (IOException e) {
            // A reset after the answer (the server closed with unread input): what arrived is the answer.
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    private String get(String path) throws IOException {
        return exchange(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void metricsAreServedInPrometheusTextFormat() throws Exception {
        try (Admin admin = b.admin()) {
            admin.createTopics(List.of(new NewTopic("m", 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> p = b.producer(Map.of("acks", "1"))) {
            for (int i = 0; i < 10; i++) {
                p.send(new ProducerRecord<>("m", "k", "v" + i)).get();
            }
        }
        String r = get("/metrics");
        assertThat(r).startsWith("HTTP/1.1 200 OK").containsIgnoringCase("Content-Type: text/plain; version=0.0.4; charset=utf-8");
        assertThat(r).contains("# TYPE kafka_server_brokertopicmetrics_bytesin_total counter")
                .contains("kafka_log_log_logendoffset{leader=\"true\",partition=\"0\",topic=\"m\"} 10.0")
                .contains("kafka_network_requestmetrics_requests_total{acks=\"1\",request=\"Produce\"} 10.0")
                .contains("kafka_network_requestmetrics_totaltime_seconds_bucket{acks=\"1\",request=\"Produce\",le=\"+Inf\"} 10")
                .contains("kafka_server_delayedoperationpurgatory_purgatorysize{delayedoperation=\"Fetch\"}")
                .contains("kafka_controller_kafkacontroller_activecontrollercount 1.0")
                .contains("jvm_memory_used_bytes{area=\"heap\"}");
    }

    @Test
    void badInputGetsAClearErrorAndTheBrokerKeepsServing() throws Exception {
        assertThat(get("/nope")).startsWith("HTTP/1.1 404 Not Found").contains("no such path: /nope (served: /metrics, /, /api/*, /console/*)");
        assertThat(exchange("DELETE /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))
                .startsWith("HTTP/1.1 405 Method Not Allowed").containsIgnoringCase("Allow: GET, HEAD").contains("use GET");
        assertThat(get("/" + "a".repeat(10_000))).startsWith("HTTP/1.1 414");
        assertThat(exchange(("GET /metrics HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII))).startsWith("HTTP/1.1 431");
        assertThat(exchange(("GET /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII))).startsWith("HTTP/1.1 413")
                .contains("the request body is past its bound of 65536 bytes (Content-Length: 10000000)");
        assertThat(exchange("\u0000\u0001garbage that is not HTTP\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)))
                .startsWith("HTTP/1.1 400 Bad Request").contains("not a valid HTTP/1.1 request");
        SplittableRandom random = new SplittableRandom(14);
        for (int i = 0; i < 10; i++) {
            byte[] noise = new byte[1 + random.nextInt(4096)];
            random.nextBytes(noise);
            // Noise the decoder takes for an unfinished request gets no answer; anything else gets a 4xx.
            String answer = exchange(noise, 2000);
            assertThat(answer).as("random bytes, round %d", i).satisfiesAnyOf(a -> assertThat(a).isEmpty(),
                    a -> assertThat(a).startsWith("HTTP/1.1 4"));
        }
        assertThat(get("/metrics")).startsWith("HTTP/1.1 200 OK");
        try (Admin admin = b.admin()) {
            assertThat(admin.describeCluster().nodes().get()).hasSize(1);
        }
    }

    @Test
    void connectionsPastTheBoundAreRefused() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 64; i++) {
                Socket s = new Socket();
                s.connect(http(), 5000);
                held.add(s);
            }
            try (Socket extra = new Socket()) {
                extra.connect(http(), 5000);
                extra.setSoTimeout(5000);
                assertThat(readAll(extra.getInputStream())).startsWith("HTTP/1.1 503").contains("too many connections");
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(get("/metrics")).startsWith("HTTP/1.1 200 OK"));
    }
}
