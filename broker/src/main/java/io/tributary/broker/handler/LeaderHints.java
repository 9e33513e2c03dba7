package io.tributary.broker.handler;

import io.tributary.broker.partition.Partition;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.wire.api.LeaderAndEpoch;
import io.tributary.wire.api.NodeEndpoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * What a broker tells a client it answered {@code NOT_LEADER_OR_FOLLOWER} (KIP-951): the partition's
 * current leader and leader epoch, and where that leader listens on the client's listener, so the
 * client goes straight there without a Metadata round trip. Versions that cannot carry the fields
 * drop them when encoding.
 */
public final class LeaderHints {

    private LeaderHints() {
    }

    public static LeaderAndEpoch leader(PartitionRegistration reg) {
        return reg == null ? LeaderAndEpoch.UNKNOWN : new LeaderAndEpoch(reg.leader(), reg.leaderEpoch());
    }

    /**
     * The newer of what the metadata image and the local partition know about the leader. A broker
     * applies a leadership change to its partitions before it publishes the image that carries it, and
     * the writes that waited on a partition are answered in between: naming the leader from the image
     * then would name this broker itself, in the old epoch, and the client would back off and ask for
     * metadata instead of going straight to the new leader.
     */
    public static LeaderAndEpoch leader(PartitionRegistration reg, Partition partition) {
        LeaderAndEpoch fromImage = leader(reg);
        if (partition != null && partition.leaderEpoch() > fromImage.leaderEpoch()) {
            return new LeaderAndEpoch(partition.leaderId(), partition.leaderEpoch());
        }
        return fromImage;
    }

    /** The endpoints, on {@code listener}, of the live brokers among {@code leaderIds}, ordered by id. */
    public static List<NodeEndpoint> endpoints(MetadataImage image, String listener, Collection<Integer> leaderIds) {
        List<NodeEndpoint> out = new ArrayList<>();
        for (int id : new TreeSet<>(leaderIds)) {
            BrokerRegistration b = id < 0 ? null : image.broker(id);
            if (b == null || b.fenced()) {
                continue;
            }
            b.endpoint(listener).ifPresent(e -> out.add(new NodeEndpoint(id, e.host(), e.port(), b.rack())));
        }
        return out;
    }
}
