package io.tributary.metadata.controller;

import io.tributary.metadata.config.TopicConfigResolver;

import io.tributary.metadata.controller.api.AllocateProducerIdsRequest;
import io.tributary.metadata.controller.api.AlterConfigOp;
import io.tributary.metadata.controller.api.BrokerHeartbeatRequest;
import io.tributary.metadata.controller.api.CreatePartitionsRequest;
import io.tributary.metadata.controller.api.CreateTopicsRequest;
import io.tributary.metadata.controller.api.CreateTopicsResponse;
import io.tributary.metadata.controller.api.DeleteTopicsRequest;
import io.tributary.metadata.controller.api.AlterPartitionReassignmentsRequest;
import io.tributary.metadata.controller.api.ElectLeadersRequest;
import io.tributary.metadata.controller.api.FenceStaleBrokersRequest;
import io.tributary.metadata.controller.api.IncrementalAlterConfigsRequest;
import io.tributary.metadata.controller.api.RegisterBrokerRequest;
import io.tributary.metadata.controller.api.UnregisterBrokerRequest;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.record.ConfigResourceType;
import io.tributary.metadata.record.MetadataRecord;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random command sequences against a controller whose log commits at once, with failovers and
 * snapshots mixed in. After every record the invariants hold; at the end, replaying the log on a
 * fresh image gives the controller's own image, and so does replaying the image's own records.
 */
class ControllerProperties {

    private static final String[] TOPICS = {"a", "b", "c.d", "c_d"};

    /** One step of a random history. */
    sealed interface Step permits AddBroker, Register, Heartbeat, Tick, CreateTopic, DeleteTopic, AddPartitions, AlterIsr,
            Elect, Reassign, Unregister, SetUnclean, SetMinIsr, ProducerIds, Failover, Snapshot {
    }

    record AddBroker(int id) implements Step {
    }

    /** A broker registers again; {@code clean} names the epoch it had, as after a clean shutdown. */
    record Register(int id, int incarnation, boolean clean) implements Step {
    }

    record Heartbeat(int id, boolean wantFence, boolean wantShutDown) implements Step {
    }

    /** Time passes; the brokers in {@code aliveMask} keep heartbeating, the others fall silent. */
    record Tick(long ms, int aliveMask) implements Step {
    }

    record CreateTopic(String name, int partitions, int rf) implements Step {
    }

    record DeleteTopic(String name) implements Step {
    }

    record AddPartitions(String name, int more) implements Step {
    }

    record AlterIsr(String name, int partition, int subsetMask) implements Step {
    }

    record Elect(boolean preferred) implements Step {
    }

    /** AlterPartitionReassignments to the brokers of {@code targetMask} (0..4, in id order), or a cancel for 0. */
    record Reassign(String name, int partition, int targetMask) implements Step {
    }

    record Unregister(int id) implements Step {
    }

    record SetUnclean(String name, boolean on) implements Step {
    }

    /** A topic's own min.insync.replicas, 1..3 (above its replication factor it only keeps acks=all writes out). */
    record SetMinIsr(String name, int minIsr) implements Step {
    }

    record ProducerIds(int id) implements Step {
    }

    record Failover() implements Step {
    }

    record Snapshot() implements Step {
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Integer> broker = Arbitraries.integers().between(0, 4);
        Arbitrary<String> topic = Arbitraries.of(TOPICS);
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, broker.map(AddBroker::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(broker, Arbitraries.integers().between(0, 1),
                        Arbitraries.of(true, false)).as(Register::new)),
                net.jqwik.api.Tuple.of(8, Combinators.combine(broker, Arbitraries.of(false, false, true),
                        Arbitraries.of(false, false, false, true)).as(Heartbeat::new)),
                net.jqwik.api.Tuple.of(4, Combinators.combine(Arbitraries.longs().between(0, 12_000),
                        Arbitraries.integers().between(0, 31)).as(Tick::new)),
                net.jqwik.api.Tuple.of(8, Combinators.combine(topic, Arbitraries.integers().between(1, 7),
                        Arbitraries.integers().between(1, 3)).as(CreateTopic::new)),
                net.jqwik.api.Tuple.of(1, topic.map(DeleteTopic::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(topic, Arbitraries.integers().between(1, 3)).as(AddPartitions::new)),
                net.jqwik.api.Tuple.of(5, Combinators.combine(topic, Arbitraries.integers().between(0, 6),
                        Arbitraries.integers().between(0, 31)).as(AlterIsr::new)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(true, false).map(Elect::new)),
                net.jqwik.api.Tuple.of(3, Combinators.combine(topic, Arbitraries.integers().between(0, 6),
                        Arbitraries.integers().between(0, 31)).as(Reassign::new)),
                net.jqwik.api.Tuple.of(1, broker.map(Unregister::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(topic, Arbitraries.of(true, false)).as(SetUnclean::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(topic, Arbitraries.integers().between(1, 3)).as(SetMinIsr::new)),
                net.jqwik.api.Tuple.of(1, broker.map(ProducerIds::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Failover())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Snapshot())));
        return step.list().ofMinSize(10).ofMaxSize(60);
    }

    @Property(tries = 120)
    void replayReproducesTheControllersStateAndInvariantsHold(@ForAll("histories") List<Step> history,
                                                             @ForAll @IntRange(min = 1, max = 5) int initialBrokers,
                                                             @ForAll @IntRange(min = 1, max = 3) int minInsyncReplicas,
                                                             @ForAll long seed) {
        ControllerConfig config = ControllerConfig.fromProperties(Map.of("min.insync.replicas", Integer.toString(minInsyncReplicas)));
        TestCluster c = new TestCluster(config, seed);
        ImageInvariants invariants = new ImageInvariants(new TopicConfigResolver(config.staticBrokerConfig()));
        c.log.register(invariants);
        for (int id = 0; id < initialBrokers; id++) {
            c.addBroker(id);
        }
        for (Step step : history) {
            apply(c, step);
            assertThat(c.controller.uncommittedBatches()).isZero();
            assertThat(c.controller.image()).isEqualTo(c.controller.committedImage());
        }
        MetadataImage image = c.controller.committedImage();

        // (a) State changes only by replay: the log alone rebuilds the controller's image.
        MetadataImage replayed = MetadataImage.EMPTY;
        for (int i = 0; i < c.committed.size(); i++) {
            MetadataDelta delta = new MetadataDelta(replayed);
            delta.replayAll(c.committed.get(i));
            replayed = delta.apply(c.committedOffsets.get(i));
        }
        assertThat(replayed).isEqualTo(image);
        assertThat(invariants.image()).isEqualTo(image);

        // (c) The image's own records rebuild it.
        assertRoundTrips(image);

        int partitions = 0;
        int leaderless = 0;
        int maxLeaderEpoch = 0;
        int moving = 0;
        for (var t : image.topics().values()) {
            for (PartitionRegistration p : t.partitions()) {
                moving += p.isReassigning() ? 1 : 0;
                partitions++;
                leaderless += p.hasLeader() ? 0 : 1;
                maxLeaderEpoch = Math.max(maxLeaderEpoch, p.leaderEpoch());
            }
        }
        Statistics.label("partitions at the end").collect(partitions == 0 ? "0" : partitions < 8 ? "1-7" : "8+");
        Statistics.label("leaderless partitions").collect(leaderless > 0);
        Statistics.label("reassignments in progress at the end").collect(moving > 0);
        Statistics.label("highest leader epoch").collect(maxLeaderEpoch == 0 ? "0" : maxLeaderEpoch < 3 ? "1-2" : "3+");
        Statistics.label("records checked").collect(invariants.recordsChecked < 20 ? "<20" : invariants.recordsChecked < 60 ? "20-59" : "60+");
        Statistics.label("fenced brokers at the end").collect(image.brokers().values().stream().filter(b -> b.fenced()).count());
    }

    private static void assertRoundTrips(MetadataImage image) {
        if (image.lastAppliedOffset() < 0) {
            return;
        }
        MetadataDelta delta = new MetadataDelta(MetadataImage.EMPTY);
        delta.replayAll(image.toRecords());
        assertThat(delta.apply(image.lastAppliedOffset())).isEqualTo(image);
    }

    private static void apply(TestCluster c, Step step) {
        MetadataImage image = c.image();
        if (step instanceof AddBroker s) {
            if (image.broker(s.id()) == null) {
                c.addBroker(s.id());
            }
        } else if (step instanceof Register s) {
            long previousEpoch = s.clean() && image.broker(s.id()) != null ? image.broker(s.id()).brokerEpoch() : -1;
            RegisterBrokerRequest r = new RegisterBrokerRequest(s.id(), null, new UUID(s.id(), s.incarnation()),
                    TestCluster.endpoints(s.id()), null, previousEpoch);
            var response = c.run(r);
            if (response.error().isSuccess()) {
                c.brokerEpochs.put(s.id(), response.brokerEpoch());
            }
        } else if (step instanceof Heartbeat s) {
            if (image.broker(s.id()) != null) {
                c.run(new BrokerHeartbeatRequest(s.id(), image.broker(s.id()).brokerEpoch(), c.log.lastCommittedOffset(),
                        s.wantFence(), s.wantShutDown()));
            }
        } else if (step instanceof Tick s) {
            List<Integer> alive = new ArrayList<>();
            for (int id : image.brokers().keySet()) {
                if ((s.aliveMask() & (1 << id)) != 0) {
                    alive.add(id);
                }
            }
            long end = c.nowMs + s.ms();
            while (c.nowMs < end) {
                c.nowMs = Math.min(end, c.nowMs + 3000);
                for (int id : alive) {
                    MetadataImage now = c.image();
                    if (now.broker(id) != null) {
                        c.run(new BrokerHeartbeatRequest(id, now.broker(id).brokerEpoch(), c.log.lastCommittedOffset(), false, false));
                    }
                }
                c.run(new FenceStaleBrokersRequest());
            }
        } else if (step instanceof CreateTopic s) {
            CreateTopicsResponse.TopicResult r = c.createTopic(s.name(), s.partitions(), s.rf());
            if (r.error().isSuccess()) {
                assertLeadersSpread(c.image(), s.name());
            }
        } else if (step instanceof DeleteTopic s) {
            c.run(DeleteTopicsRequest.byName(s.name()));
        } else if (step instanceof AddPartitions s) {
            if (image.topic(s.name()) != null) {
                c.run(new CreatePartitionsRequest(List.of(new CreatePartitionsRequest.Topic(s.name(),
                        image.topic(s.name()).partitionCount() + s.more(), null)), false));
            }
        } else if (step instanceof AlterIsr s) {
            alterIsr(c, s);
        } else if (step instanceof Elect s) {
            c.run(new ElectLeadersRequest(s.preferred() ? ElectLeadersRequest.ElectionType.PREFERRED
                    : ElectLeadersRequest.ElectionType.UNCLEAN, null));
        } else if (step instanceof Reassign s) {
            reassign(c, s);
        } else if (step instanceof Unregister s) {
            c.run(new UnregisterBrokerRequest(s.id()));
        } else if (step instanceof SetUnclean s) {
            c.run(new IncrementalAlterConfigsRequest(List.of(new IncrementalAlterConfigsRequest.Resource(ConfigResourceType.TOPIC,
                    s.name(), List.of(new AlterConfigOp("unclean.leader.election.enable", AlterConfigOp.OpType.SET,
                            Boolean.toString(s.on()))))), false));
        } else if (step instanceof SetMinIsr s) {
            c.run(new IncrementalAlterConfigsRequest(List.of(new IncrementalAlterConfigsRequest.Resource(ConfigResourceType.TOPIC,
                    s.name(), List.of(new AlterConfigOp("min.insync.replicas", AlterConfigOp.OpType.SET,
                            Integer.toString(s.minIsr()))))), false));
        } else if (step instanceof ProducerIds s) {
            if (image.broker(s.id()) != null) {
                long before = image.nextProducerId();
                var r = c.run(new AllocateProducerIdsRequest(s.id(), image.broker(s.id()).brokerEpoch()));
                assertThat(r.producerIdStart()).isEqualTo(before);
            }
        } else if (step instanceof Failover) {
            c.failover();
        } else if (step instanceof Snapshot) {
            assertRoundTrips(image);
            QuorumController standby = new QuorumController(ControllerConfig.defaults(), new java.util.Random(1));
            standby.loadSnapshot(image);
            assertThat(standby.committedImage()).isEqualTo(image);
        }
    }

    /** The leader proposes an ISR: the leader plus the replicas picked by the mask (some may be ineligible). */
    private static void reassign(TestCluster c, Reassign s) {
        var topic = c.image().topic(s.name());
        if (topic == null || topic.partitionCount() == 0) {
            return;
        }
        List<Integer> target = null;
        if (s.targetMask() != 0) {
            target = new ArrayList<>();
            for (int id = 0; id < 5; id++) {
                if ((s.targetMask() & (1 << id)) != 0) {
                    target.add(id);
                }
            }
        }
        var tp = new io.tributary.common.TopicPartition(s.name(), s.partition() % topic.partitionCount());
        c.run(new AlterPartitionReassignmentsRequest(List.of(new AlterPartitionReassignmentsRequest.Reassignment(tp, target)), true));
        PartitionRegistration part = c.image().partition(tp);
        // A move in progress keeps its old replicas until it completes, and its target is never empty.
        assertThat(part.targetReplicas()).isNotEmpty();
        assertThat(part.replicas()).containsAll(part.addingReplicas()).containsAll(part.removingReplicas());
    }

    private static void alterIsr(TestCluster c, AlterIsr s) {
        var topic = c.image().topic(s.name());
        if (topic == null || topic.partitionCount() == 0) {
            return;
        }
        int p = s.partition() % topic.partitionCount();
        PartitionRegistration part = topic.partitions().get(p);
        if (!part.hasLeader()) {
            return;
        }
        List<Integer> isr = new ArrayList<>();
        isr.add(part.leader());
        for (int i = 0; i < part.replicas().size(); i++) {
            int r = part.replicas().get(i);
            if (r != part.leader() && (s.subsetMask() & (1 << i)) != 0) {
                isr.add(r);
            }
        }
        c.alterIsr(s.name(), p, isr);
    }

    /**
     * A fresh topic's leaderships spread within one of each other over the brokers it was placed on
     * (every active broker, or after a failover only those heard from since, see PlacementBrokers).
     */
    private static void assertLeadersSpread(MetadataImage image, String topic) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (PartitionRegistration p : image.topic(topic).partitions()) {
            for (int replica : p.replicas()) {
                counts.put(replica, 0);
            }
        }
        for (PartitionRegistration p : image.topic(topic).partitions()) {
            counts.merge(p.leader(), 1, Integer::sum);
        }
        int max = counts.values().stream().mapToInt(i -> i).max().orElse(0);
        int min = counts.values().stream().mapToInt(i -> i).min().orElse(0);
        assertThat(max - min).as("leader spread of " + topic + ": " + counts).isLessThanOrEqualTo(1);
    }

    @Property(tries = 50)
    void recordsOfEveryHistorySurviveTheCodec(@ForAll("histories") List<Step> history, @ForAll long seed) {
        TestCluster c = TestCluster.withBrokers(3);
        for (Step step : history) {
            apply(c, step);
        }
        for (List<MetadataRecord> batch : c.committed) {
            assertThat(io.tributary.metadata.record.MetadataBatchCodec.decode(
                    io.tributary.metadata.record.MetadataBatchCodec.encode(batch))).isEqualTo(batch);
        }
    }
}
