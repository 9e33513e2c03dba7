package io.tributary.sim;

import io.tributary.common.ErrorCode;
import io.tributary.coordinator.GroupRouting;
import io.tributary.metadata.config.TopicConfigs;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One simulated broker: registration and heartbeats with the controller, the metadata image it
 * replays from committed batches, and its {@link Replica}s, to which it routes fetches, produces,
 * consumer reads, replies and timers.
 *
 * <p>Life cycle: {@link #start} (a new incarnation registers) -> running -> {@link #crash} (power
 * loss: the logs keep what the disk kept, memory is gone) -> {@link #start} again. A broker only
 * acts on partition roles once the image holds its current registration (its own broker epoch):
 * a restarted broker that has not registered yet must not act on leaderships granted to its
 * previous incarnation, whose unflushed data it may have lost.
 */
final class SimBroker {

    final Simulation sim;
    final int id;
    final Map<Integer, Replica> replicas = new TreeMap<>();
    boolean up;
    UUID incarnationId;
    long brokerEpoch = -1;
    MetadataImage image = MetadataImage.EMPTY;
    private long heartbeatToken = -1;
    /** A controlled shutdown is under way: heartbeats ask for it until the controller says stop. */
    boolean shuttingDown;
    /** The controller named this broker a leader when its controlled shutdown began (for coverage). */
    boolean ledWhenShutdownBegan;
    /**
     * What the registration says of the last stop (KIP-966): the broker epoch it had when it last
     * stopped cleanly, or -1 after a crash (the disk may have lost its unflushed tail) or at first start.
     */
    long previousBrokerEpoch = -1;

    SimBroker(Simulation sim, int id) {
        this.sim = sim;
        this.id = id;
    }

    long appliedMetadataOffset() {
        return image.lastAppliedOffset();
    }

    void start(long nowMs) {
        up = true;
        shuttingDown = false;
        incarnationId = new UUID(sim.random.nextLong(), sim.random.nextLong());
        brokerEpoch = -1;
        image = MetadataImage.EMPTY;
        heartbeatToken = sim.nextId();
        register(nowMs);
        sim.schedule(nowMs + sim.config.faults().flushIntervalMs(), id, new Timer(Timer.Kind.FLUSH, -1, heartbeatToken));
        sim.schedule(nowMs + sim.config.hwCheckpointIntervalMs(), id, new Timer(Timer.Kind.HW_CHECKPOINT, -1, heartbeatToken));
    }

    /** Power loss. Returns the batches lost over all partitions. */
    int crash() {
        previousBrokerEpoch = -1;
        return stop(sim.config.faults().powerLoss());
    }

    /** The end of a clean shutdown: everything is flushed, nothing is lost, and the epoch is remembered. */
    void stopCleanly() {
        previousBrokerEpoch = brokerEpoch;
        stop(false);
    }

    private int stop(boolean powerLoss) {
        up = false;
        shuttingDown = false;
        heartbeatToken = -1;
        int lost = 0;
        for (Replica r : replicas.values()) {
            if (!powerLoss) {
                r.writeHwCheckpoint();
            }
            lost += r.crash(sim.random, powerLoss);
        }
        return lost;
    }

    private void register(long nowMs) {
        sim.send(id, Simulation.CONTROLLER, new Message.Register(id, incarnationId, appliedMetadataOffset(), previousBrokerEpoch));
        sim.schedule(nowMs + 4 * sim.config.heartbeatIntervalMs(), id, new Timer(Timer.Kind.REGISTER_RETRY, -1, heartbeatToken));
    }

    void onMessage(int from, Message m, long nowMs) {
        if (m instanceof Message.RegisterReply r) {
            if (r.response().error().isSuccess() && r.response().brokerEpoch() > brokerEpoch) {
                boolean first = brokerEpoch < 0;
                brokerEpoch = r.response().brokerEpoch();
                if (first) {
                    sim.schedule(nowMs + sim.config.heartbeatIntervalMs(), id, new Timer(Timer.Kind.HEARTBEAT, -1, heartbeatToken));
                }
            }
            applyMetadata(r.metadata(), nowMs);
            reconcile(nowMs);
        } else if (m instanceof Message.HeartbeatReply r) {
            ErrorCode code = r.response().error().code();
            if (code == ErrorCode.STALE_BROKER_EPOCH || code == ErrorCode.BROKER_ID_NOT_REGISTERED) {
                register(nowMs);
            }
            applyMetadata(r.metadata(), nowMs);
            if (shuttingDown && code == ErrorCode.NONE && r.response().shouldShutDown()) {
                sim.stoppedCleanly(this, nowMs);
            }
        } else if (m instanceof Message.MetadataPush p) {
            applyMetadata(p.metadata(), nowMs);
        } else if (m instanceof Message.AlterPartitionReply r) {
            int p = -1;
            if (!r.response().topics().isEmpty()) {
                TopicImage topic = image.topic(r.response().topics().get(0).topicId());
                p = topic == null ? -2 : sim.topics.index(topic.name(), r.response().topics().get(0).partitions().get(0).partition());
            }
            for (Replica replica : replicas.values()) {
                if (replica.leaderRole != null && (p < 0 || replica.partition == p)) {
                    replica.leaderRole.onAlterPartitionReply(r, nowMs);
                }
            }
        } else if (m instanceof Message.Fetch f) {
            Replica r = replicas.get(f.partition());
            if (r == null || r.leaderRole == null) {
                sim.coverage.hit(Coverage.Mark.FENCED_LEADER_FETCH_REFUSED);
                sim.send(id, from, new Message.FetchReply(f.fetchId(), f.partition(), ErrorCode.NOT_LEADER_OR_FOLLOWER, -1,
                        null, List.of(), r == null ? 0 : r.log.logEndOffset()));
            } else {
                r.leaderRole.onFetch(f, nowMs);
            }
        } else if (m instanceof Message.FetchReply f) {
            Replica r = replicas.get(f.partition());
            if (r != null && r.followerRole != null) {
                r.followerRole.onFetchReply(f, nowMs);
            }
        } else if (m instanceof Message.Produce p) {
            Replica r = replicas.get(p.partition());
            if (r == null || r.leaderRole == null) {
                sim.coverage.hit(Coverage.Mark.NOT_LEADER_REFUSED_WRITE);
                if (p.acks() != 0) {
                    sim.send(id, from, new Message.ProduceReply(p.requestId(), ErrorCode.NOT_LEADER_OR_FOLLOWER, -1));
                }
            } else {
                r.leaderRole.onProduce(from, p, nowMs);
            }
        } else if (m instanceof Message.ConsumerFetch c) {
            Replica r = replicas.get(c.partition());
            if (r == null || r.leaderRole == null) {
                sim.send(id, from, new Message.ConsumerFetchReply(c.requestId(), ErrorCode.NOT_LEADER_OR_FOLLOWER, List.of(), -1));
            } else {
                r.leaderRole.onConsumerFetch(from, c);
            }
        } else if (m instanceof Message.GroupRequest g) {
            Replica r = replicas.get(sim.topics.offsetsIndex(GroupRouting.partitionFor(g.groupId(), sim.topics.offsetsPartitions())));
            if (r == null || r.coordinatorRole == null) {
                sim.send(id, from, new Message.GroupReply(g.requestId(), g.request().errorResponse(ErrorCode.NOT_COORDINATOR)));
            } else {
                r.coordinatorRole.onRequest(from, g, nowMs);
            }
        } else {
            throw new IllegalStateException("broker " + id + " cannot handle " + m);
        }
    }

    void onTimer(Timer t, long nowMs) {
        if (t.partition() >= 0) {
            Replica r = replicas.get(t.partition());
            if (r == null) {
                return;
            }
            switch (t.kind()) {
                case FETCH, FETCH_TIMEOUT -> {
                    if (r.followerRole != null) {
                        r.followerRole.onTimer(t, nowMs);
                    }
                }
                case COORDINATOR_LOAD, COORDINATOR_TICK -> {
                    if (r.coordinatorRole != null) {
                        r.coordinatorRole.onTimer(t, nowMs);
                    }
                }
                default -> {
                    if (r.leaderRole != null) {
                        r.leaderRole.onTimer(t, nowMs);
                    }
                }
            }
            return;
        }
        if (t.token() != heartbeatToken) {
            return;
        }
        switch (t.kind()) {
            case HEARTBEAT -> {
                sim.send(id, Simulation.CONTROLLER, new Message.Heartbeat(id, brokerEpoch, appliedMetadataOffset(), shuttingDown));
                sim.schedule(nowMs + sim.config.heartbeatIntervalMs(), id, t);
            }
            case REGISTER_RETRY -> {
                if (brokerEpoch < 0) {
                    register(nowMs);
                }
            }
            case FLUSH -> {
                for (Replica r : replicas.values()) {
                    r.flush();
                }
                sim.schedule(nowMs + sim.config.faults().flushIntervalMs(), id, t);
            }
            case HW_CHECKPOINT -> {
                for (Replica r : replicas.values()) {
                    r.writeHwCheckpoint();
                }
                sim.schedule(nowMs + sim.config.hwCheckpointIntervalMs(), id, t);
            }
            default -> throw new IllegalStateException("broker " + id + " got " + t);
        }
    }

    /** Applies the batches that continue this broker's image, in order; ignores old ones and gaps. */
    private void applyMetadata(List<Message.MetadataBatch> batches, long nowMs) {
        boolean changed = false;
        for (Message.MetadataBatch b : batches) {
            if (b.offset() != image.lastAppliedOffset() + 1) {
                continue;
            }
            MetadataDelta delta = new MetadataDelta(image);
            delta.replayAll(b.records());
            image = delta.apply(b.offset());
            changed = true;
        }
        if (changed) {
            reconcile(nowMs);
        }
    }

    /** Brings every local replica's role in line with the image (the broker's metadata publisher). */
    private void reconcile(long nowMs) {
        BrokerRegistration self = image.broker(id);
        if (brokerEpoch < 0 || self == null || self.brokerEpoch() != brokerEpoch) {
            return;
        }
        removeReplicasNotHosted();
        Map<String, Integer> minIsrByTopic = new TreeMap<>();
        for (int p = 0; p < sim.topics.count(); p++) {
            PartitionRegistration reg = sim.topics.registration(image, p);
            if (reg == null || !hosts(reg)) {
                continue;
            }
            int minInsyncReplicas = minIsrByTopic.computeIfAbsent(sim.topics.topic(p), topic -> {
                String minIsr = image.topicConfigs(topic).get(TopicConfigs.MIN_INSYNC_REPLICAS);
                return minIsr == null ? 1 : Integer.parseInt(minIsr);
            });
            Replica replica = replicas.computeIfAbsent(p, k -> new Replica(this, k));
            replica.onPartitionState(reg, minInsyncReplicas, nowMs);
            if (replica.leaderRole != null) {
                replica.leaderRole.onBrokerRegistrations(nowMs);
            }
        }
    }

    /**
     * A reassignment took this broker out of a partition's replica set (it completed, or an adding
     * replica's move was cancelled): as ReplicaManager does, the broker stops serving it (a leader's
     * parked produces fail, a follower stops fetching) and deletes its copy, log, checkpoints and all.
     */
    private void removeReplicasNotHosted() {
        for (Replica r : List.copyOf(replicas.values())) {
            PartitionRegistration reg = sim.topics.registration(image, r.partition);
            if (reg != null && !hosts(reg)) {
                r.endRole();
                replicas.remove(r.partition);
                sim.coverage.hit(Coverage.Mark.REASSIGNMENT_REPLICA_REMOVED);
            }
        }
    }

    /** Whether this broker keeps a replica of the partition (ReplicaManager's rule: it is in the replica set). */
    private boolean hosts(PartitionRegistration reg) {
        if (sim.config.mutation() == Mutation.REMOVE_BEFORE_SWITCH && reg.removingReplicas().contains(id)) {
            return false;   // planted bug: a removing replica deletes its copy as the move starts, not once it completes
        }
        return reg.isReplica(id);
    }

    @Override
    public String toString() {
        return "b" + id + (up ? "" : " DOWN") + " epoch " + brokerEpoch + " metadata@" + image.lastAppliedOffset();
    }
}
