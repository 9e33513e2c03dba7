package io.tributary.broker.handler;

import io.tributary.broker.image.MetadataView;
import io.tributary.broker.partition.AppendResult;
import io.tributary.broker.partition.LogDirs;
import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.PartitionEvents;
import io.tributary.broker.partition.ReplicaManager;
import io.tributary.common.ErrorCode;
import io.tributary.common.Time;
import io.tributary.common.TopicId;
import io.tributary.common.TopicPartition;
import io.tributary.log.Scheduler;
import io.tributary.metadata.config.TopicConfigResolver;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.record.BrokerEndpoint;
import io.tributary.metadata.record.ClusterIdRecord;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.PartitionChangeRecord;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.metadata.record.TopicRecord;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;

/**
 * Handlers' world without a network: node 1's {@link ReplicaManager} on real logs in a temp
 * directory, fed metadata images built from records, as the broker feeds it. There are no replica
 * fetchers: node 2 exists in the metadata only, and nobody fetches, so a partition whose ISR holds
 * node 2 keeps its high watermark where it was, and node 2 can take the leadership away from node 1.
 */
public final class HostedPartitions implements AutoCloseable {

    static final int LOCAL = 1;
    static final int OTHER = 2;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final LogDirs logDirs;
    private final ReplicaManager replicas;
    private final AtomicLong offset = new AtomicLong();
    private volatile MetadataImage image = MetadataImage.EMPTY;

    HostedPartitions(Path dir) throws Exception {
        this(dir, PartitionEvents.NONE, new ReplicaManager.RoleListener() {
            @Override
            public void roleChanged(Partition p) {
            }

            @Override
            public void removed(Partition p) {
            }
        });
    }

    /** Partitions that announce their events to {@code events} and their role changes to {@code roles}. */
    public HostedPartitions(Path dir, PartitionEvents events, ReplicaManager.RoleListener roles) throws Exception {
        this(dir, events, roles, Time.SYSTEM);
    }

    /** Partitions whose replica manager reads {@code time} (appends are timed by the wall clock all the same). */
    HostedPartitions(Path dir, Time time) throws Exception {
        this(dir, PartitionEvents.NONE, new ReplicaManager.RoleListener() {
            @Override
            public void roleChanged(Partition p) {
            }

            @Override
            public void removed(Partition p) {
            }
        }, time);
    }

    private HostedPartitions(Path dir, PartitionEvents events, ReplicaManager.RoleListener roles, Time time) throws Exception {
        logDirs = LogDirs.lock(List.of(dir));
        replicas = new ReplicaManager(LOCAL, logDirs, 1, new TopicConfigResolver(Map.of()), time, Scheduler.of(scheduler),
                Runnable::run, events, roles);
        apply(new ClusterIdRecord("test-cluster"), register(LOCAL), register(OTHER));
    }

    private static RegisterBrokerRecord register(int id) {
        return new RegisterBrokerRecord(id, 10 + id, new UUID(id, 1), List.of(new BrokerEndpoint("PLAINTEXT", "h" + id, 9092, "PLAINTEXT")),
                null, false);
    }

    public MetadataView metadata() {
        return () -> image;
    }

    ReplicaManager replicas() {
        return replicas;
    }

    /** A one-partition topic on nodes 1 and 2, led by node 1 at epoch 0, with the given ISR. */
    public TopicPartition createTopic(String name, List<Integer> isr) {
        TopicId id = new TopicId(name.hashCode(), 1);
        apply(new TopicRecord(name, id), new PartitionRecord(id, 0, List.of(LOCAL, OTHER), isr, LOCAL, 0, 0));
        return new TopicPartition(name, 0);
    }

    /** Node 1 leads again two epochs later (via node 2, which joins the ISR for the hand-over and leaves it after). */
    public void reelect(String topic) {
        PartitionRegistration reg = registration(topic);
        List<Integer> isr = reg.isr();
        if (!isr.contains(OTHER)) {
            change(topic, Optional.of(List.of(LOCAL, OTHER)), OptionalInt.empty());
        }
        change(topic, Optional.empty(), OptionalInt.of(OTHER));
        change(topic, Optional.empty(), OptionalInt.of(LOCAL));
        if (!isr.contains(OTHER)) {
            change(topic, Optional.of(isr), OptionalInt.empty());
        }
    }

    /** Node 2 leads from now on. */
    public void moveLeaderAway(String topic) {
        boolean otherInIsr = registration(topic).isr().contains(OTHER);
        change(topic, otherInIsr ? Optional.empty() : Optional.of(List.of(LOCAL, OTHER)), OptionalInt.of(OTHER));
    }

    /**
     * One metadata batch that moves every topic of {@code toLocal} to node 1 and every topic of
     * {@code away} to node 2, as an election after a fence or a controlled shutdown does, and shrinks
     * the ISR of every topic of {@code isrToOther} (which node 2 leads) to node 2 alone.
     */
    void moveLeadersInOneBatch(List<String> toLocal, List<String> away, List<String> isrToOther) {
        List<MetadataRecord> records = new ArrayList<>();
        for (String topic : toLocal) {
            records.add(leaderChange(topic, LOCAL));
        }
        for (String topic : away) {
            records.add(leaderChange(topic, OTHER));
        }
        for (String topic : isrToOther) {
            PartitionRegistration reg = registration(topic);
            records.add(new PartitionChangeRecord(image.topic(topic).id(), 0, Optional.of(List.of(OTHER)), OptionalInt.empty(),
                    reg.leaderEpoch(), reg.partitionEpoch() + 1));
        }
        apply(records.toArray(MetadataRecord[]::new));
    }

    private PartitionChangeRecord leaderChange(String topic, int leader) {
        PartitionRegistration reg = registration(topic);
        return new PartitionChangeRecord(image.topic(topic).id(), 0, Optional.empty(), OptionalInt.of(leader), reg.leaderEpoch() + 1,
                reg.partitionEpoch() + 1);
    }

    /** Node {@code id} registers again, in a new broker epoch (it restarted). */
    void reregister(int id, long brokerEpoch) {
        apply(new RegisterBrokerRecord(id, brokerEpoch, new UUID(id, brokerEpoch),
                List.of(new BrokerEndpoint("PLAINTEXT", "h" + id, 9092, "PLAINTEXT")), null, false));
    }

    int leaderEpoch(String topic) {
        return registration(topic).leaderEpoch();
    }

    public Partition partition(String topic) {
        return replicas.partition(new TopicPartition(topic, 0));
    }

    /** Appends one batch of records with these timestamps as node 1, the leader; returns the batch's base offset. */
    long append(String topic, long... timestampsMs) {
        SimpleRecord[] rs = new SimpleRecord[timestampsMs.length];
        for (int i = 0; i < rs.length; i++) {
            rs[i] = new SimpleRecord(timestampsMs[i], null, ("r" + i).getBytes());
        }
        ByteBuffer batch = MemoryRecords.withRecords(Compression.NONE, rs).buffer();
        AppendResult r = partition(topic).appendAsLeader(batch, (short) 1, System.currentTimeMillis());
        if (r.error() != ErrorCode.NONE) {
            throw new IllegalStateException("append failed: " + r);
        }
        return r.baseOffset();
    }

    private PartitionRegistration registration(String topic) {
        return image.topic(topic).partition(0);
    }

    private void change(String topic, Optional<List<Integer>> isr, OptionalInt leader) {
        PartitionRegistration reg = registration(topic);
        int leaderEpoch = leader.isPresent() ? reg.leaderEpoch() + 1 : reg.leaderEpoch();
        apply(new PartitionChangeRecord(image.topic(topic).id(), 0, isr, leader, leaderEpoch, reg.partitionEpoch() + 1));
    }

    private void apply(MetadataRecord... records) {
        MetadataDelta delta = new MetadataDelta(image);
        delta.replayAll(new ArrayList<>(List.of(records)));
        MetadataImage prev = image;
        image = delta.apply(offset.getAndIncrement());
        replicas.applyImage(prev, image);
    }

    @Override
    public void close() {
        replicas.close();
        logDirs.close();
        scheduler.shutdownNow();
    }
}
