package io.tributary.metadata.controller;

import io.tributary.common.TopicPartition;
import io.tributary.metadata.controller.api.AlterPartitionRequest;
import io.tributary.metadata.controller.api.AlterPartitionResponse;
import io.tributary.metadata.controller.api.BrokerHeartbeatRequest;
import io.tributary.metadata.controller.api.BrokerHeartbeatResponse;
import io.tributary.metadata.controller.api.ControllerCommand;
import io.tributary.metadata.controller.api.CreateTopicsRequest;
import io.tributary.metadata.controller.api.CreateTopicsResponse;
import io.tributary.metadata.controller.api.RegisterBrokerRequest;
import io.tributary.metadata.controller.api.RegisterBrokerResponse;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.log.InMemoryMetadataLog;
import io.tributary.metadata.log.MetadataLog;
import io.tributary.metadata.record.BrokerEndpoint;
import io.tributary.metadata.record.MetadataRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A controller wired to an in-memory log that commits every append at once, plus helpers to
 * register brokers and create topics: the test bench for command behaviour.
 */
final class TestCluster {

    final InMemoryMetadataLog log = new InMemoryMetadataLog().autoCommit(true);
    final QuorumController controller;
    final Map<Integer, Long> brokerEpochs = new HashMap<>();
    final List<List<MetadataRecord>> committed = new ArrayList<>();
    final List<Long> committedOffsets = new ArrayList<>();
    long nowMs = 1_000;

    TestCluster() {
        this(ControllerConfig.defaults(), 42);
    }

    TestCluster(ControllerConfig config, long seed) {
        controller = new QuorumController(config, new Random(seed));
        log.register(new MetadataLog.Listener() {
            @Override
            public void onCommit(long offset, List<MetadataRecord> records) {
                controller.replay(offset, records);
                committed.add(records);
                committedOffsets.add(offset);
            }

            @Override
            public void onBecomeActive(long epoch) {
            }

            @Override
            public void onResign() {
                controller.resign();
            }

            @Override
            public void onSnapshotLoaded(MetadataImage image) {
                controller.loadSnapshot(image);
            }
        });
        long epoch = log.becomeLeader();
        append(controller.becomeActive(epoch, nowMs));
    }

    static TestCluster withBrokers(int n) {
        TestCluster c = new TestCluster();
        for (int id = 0; id < n; id++) {
            c.addBroker(id);
        }
        return c;
    }

    /** The log loses and regains leadership: a controller failover onto the same node. */
    void failover() {
        log.resign();
        long epoch = log.becomeLeader();
        append(controller.becomeActive(epoch, nowMs));
    }

    <R> R run(ControllerCommand<R> command) {
        return append(controller.handle(command, nowMs));
    }

    <R> R append(ControllerResult<R> result) {
        if (!result.records().isEmpty()) {
            log.append(controller.epoch(), result.records()).join();
        }
        return result.response();
    }

    MetadataImage image() {
        return controller.committedImage();
    }

    static UUID incarnation(int brokerId) {
        return new UUID(brokerId, 7);
    }

    static List<BrokerEndpoint> endpoints(int brokerId) {
        return List.of(new BrokerEndpoint("PLAINTEXT", "localhost", 9092 + brokerId, "PLAINTEXT"));
    }

    RegisterBrokerResponse register(int brokerId) {
        return register(brokerId, incarnation(brokerId));
    }

    RegisterBrokerResponse register(int brokerId, UUID incarnation) {
        return register(brokerId, incarnation, -1);
    }

    /** A registration by a new process, naming the epoch of the last clean shutdown (-1 for none). */
    RegisterBrokerResponse register(int brokerId, UUID incarnation, long previousBrokerEpoch) {
        RegisterBrokerResponse r = run(new RegisterBrokerRequest(brokerId, null, incarnation, endpoints(brokerId), null,
                previousBrokerEpoch));
        if (r.error().isSuccess()) {
            brokerEpochs.put(brokerId, r.brokerEpoch());
        }
        return r;
    }

    BrokerHeartbeatResponse heartbeat(int brokerId) {
        return heartbeat(brokerId, false, false);
    }

    BrokerHeartbeatResponse heartbeat(int brokerId, boolean wantFence, boolean wantShutDown) {
        return run(new BrokerHeartbeatRequest(brokerId, brokerEpochs.get(brokerId), log.lastCommittedOffset(), wantFence, wantShutDown));
    }

    /** Registers a broker and heartbeats it into the unfenced state. */
    void addBroker(int brokerId) {
        assertThat(register(brokerId).error().isSuccess()).isTrue();
        assertThat(heartbeat(brokerId).isFenced()).isFalse();
    }

    CreateTopicsResponse.TopicResult createTopic(String name, int partitions, int replicationFactor) {
        CreateTopicsResponse r = run(new CreateTopicsRequest(List.of(CreateTopicsRequest.Topic.of(name, partitions, replicationFactor)), false));
        return r.topics().get(0);
    }

    PartitionRegistration partition(String topic, int partition) {
        return image().partition(new TopicPartition(topic, partition));
    }

    /** The leader of {@code topic-partition} proposes {@code newIsr} from the current epochs. */
    AlterPartitionResponse.PartitionResult alterIsr(String topic, int partition, List<Integer> newIsr) {
        PartitionRegistration p = partition(topic, partition);
        List<AlterPartitionRequest.IsrMember> members = new ArrayList<>();
        for (int id : newIsr) {
            members.add(new AlterPartitionRequest.IsrMember(id, brokerEpochs.getOrDefault(id, -1L)));
        }
        AlterPartitionResponse r = run(new AlterPartitionRequest(p.leader(), brokerEpochs.get(p.leader()), List.of(
                new AlterPartitionRequest.TopicData(image().topic(topic).id(), List.of(
                        new AlterPartitionRequest.PartitionData(partition, p.leaderEpoch(), members, p.partitionEpoch()))))));
        return r.topics().get(0).partitions().get(0);
    }

    /** Advances the clock, heartbeating every listed broker along the way so their sessions stay alive. */
    void advanceKeeping(long ms, int... alive) {
        long step = Math.max(1, controller.heartbeats().sessionTimeoutMs() / 3);
        long end = nowMs + ms;
        while (nowMs < end) {
            nowMs = Math.min(end, nowMs + step);
            for (int id : alive) {
                heartbeat(id);
            }
        }
    }
}
