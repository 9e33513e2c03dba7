package io.tributary.e2e.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The harness itself, on real processes: a node starts on a free port with the generated
 * properties, stops on SIGTERM, dies on SIGKILL, freezes on SIGSTOP and thaws on SIGCONT, comes back
 * on the same directory and port with its data, refuses illegal transitions, and a node that cannot
 * start fails fast with its log.
 */
@ExtendWith(TributaryExtension.class)
class TributaryNodeTest {

    @Test
    void startStopRestartKeepsDirectoryPortAndData(Nodes nodes) throws Exception {
        TributaryNode node = nodes.start();
        String properties = Files.readString(node.propertiesFile(), StandardCharsets.UTF_8);
        assertThat(properties).contains("node.id=1", "listeners=PLAINTEXT://127.0.0.1:" + node.port(),
                "log.dirs=" + node.dataDir());
        assertThat(node.isAlive()).isTrue();
        assertThat(node.launches()).isEqualTo(1);

        Clients.createTopic(node.bootstrap(), "harness", 1);
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(node.bootstrap())) {
            producer.send(new ProducerRecord<>("harness", 0, null, "kept".getBytes(StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS);
        }
        int port = node.port();

        node.stop();
        assertThat(node.isAlive()).isFalse();
        assertThat(node.exitCode().orElseThrow()).as("exit code after SIGTERM").isIn(0, 143);

        node.restart();
        assertThat(node.port()).as("port after restart").isEqualTo(port);
        assertThat(node.launches()).isEqualTo(2);
        assertThat(node.log().allLines()).filteredOn(l -> l.startsWith(NodeLog.MARKER_PREFIX)).hasSize(2);
        assertThat(Clients.readToEnd(node.bootstrap(), new TopicPartition("harness", 0), 0, Duration.ofSeconds(30)))
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("kept");

        assertThatThrownBy(node::restart).isInstanceOf(IllegalStateException.class).hasMessageContaining("RUNNING");
        node.kill();
        assertThat(node.exitCode()).as("exit code after SIGKILL").hasValue(137);
        assertThatThrownBy(node::kill).isInstanceOf(IllegalStateException.class).hasMessageContaining("EXITED");
    }

    @Test
    void pausedNodeAnswersNothingUntilResumedAndCanBeKilledWhilePaused(Nodes nodes) {
        TributaryNode node = nodes.start();
        node.pause();
        assertThat(node.isAlive()).as("a paused node is alive").isTrue();
        try (RawConnection connection = RawConnection.open(node.bootstrap())) {
            // The kernel accepts the connection and buffers the request; the frozen process reads nothing.
            connection.send(RequestFrames.apiVersionsV0(5));
            assertThatThrownBy(() -> connection.readFrame(Duration.ofMillis(500)))
                    .as("a frozen node does not answer").hasMessageContaining("no response");
            assertThatThrownBy(node::stop).isInstanceOf(IllegalStateException.class).hasMessageContaining("PAUSED");

            node.resume();
            ByteBuffer frame = connection.readFrame(Duration.ofSeconds(30)).orElseThrow();
            assertThat(RequestFrames.ApiVersionsV0.parse(frame).correlationId())
                    .as("the request sent while frozen is answered after SIGCONT").isEqualTo(5);
        }
        node.pause();
        node.kill();
        assertThat(node.exitCode()).as("exit code after SIGKILL of a paused node").hasValue(137);
    }

    @Test
    void nodeThatCannotStartFailsFastWithItsLog(Nodes nodes) {
        TributaryNode node = nodes.create(b -> b.property("node.id", "not-a-number"));
        long startNs = System.nanoTime();
        assertThatThrownBy(node::start)
                .isInstanceOf(NodeFailure.class)
                .hasMessageContaining("did not become ready")
                .hasMessageContaining("exited with code")
                .hasMessageContaining("---- last");
        assertThat(Duration.ofNanos(System.nanoTime() - startNs))
                .as("time to notice the exit (the ready timeout is %s)", TributaryNode.READY_TIMEOUT_DEFAULT)
                .isLessThan(Duration.ofSeconds(60));
        assertThat(node.isAlive()).isFalse();
    }

    @Test
    void severalNodesGetDistinctPortsAndDirectories(Nodes nodes) {
        List<TributaryNode> created = List.of(nodes.create(b -> { }), nodes.create(b -> { }));
        assertThat(created).extracting(TributaryNode::nodeId).containsExactly(1, 2);
        assertThat(created.get(0).port()).isNotEqualTo(created.get(1).port());
        assertThat(created.get(0).dir()).isNotEqualTo(created.get(1).dir());
        assertThat(nodes.all()).containsExactlyElementsOf(created);
        assertThat(Nodes.bootstrapOf(created)).isEqualTo(created.get(0).bootstrap() + "," + created.get(1).bootstrap());
    }
}
