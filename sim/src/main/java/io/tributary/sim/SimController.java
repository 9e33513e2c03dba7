package io.tributary.sim;

import io.tributary.metadata.controller.ControllerConfig;
import io.tributary.metadata.controller.ControllerResult;
import io.tributary.metadata.controller.QuorumController;
import io.tributary.common.TopicPartition;
import io.tributary.metadata.controller.api.AlterPartitionReassignmentsRequest;
import io.tributary.metadata.controller.api.AlterPartitionReassignmentsResponse;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.metadata.controller.api.BrokerHeartbeatRequest;
import io.tributary.metadata.controller.api.BrokerHeartbeatResponse;
import io.tributary.metadata.controller.api.ControllerCommand;
import io.tributary.metadata.controller.api.CreateTopicsRequest;
import io.tributary.metadata.controller.api.CreateTopicsResponse;
import io.tributary.metadata.controller.api.ElectLeadersRequest;
import io.tributary.metadata.controller.api.ElectLeadersResponse;
import io.tributary.metadata.controller.api.AlterConfigOp;
import io.tributary.metadata.controller.api.FenceBrokerRequest;
import io.tributary.metadata.controller.api.IncrementalAlterConfigsRequest;
import io.tributary.metadata.record.ConfigResourceType;
import io.tributary.metadata.controller.api.FenceStaleBrokersRequest;
import io.tributary.metadata.controller.api.RegisterBrokerRequest;
import io.tributary.metadata.controller.api.RegisterBrokerResponse;
import io.tributary.metadata.config.TopicConfigs;
import io.tributary.metadata.record.BrokerEndpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The active controller: the real {@link QuorumController} over a simple in-memory metadata log
 * that stands in for Ratis (one voter, so every append commits at once; Ratis's own consensus is
 * tested by its authors, and our seam to it by the {@code controller} module's tests).
 *
 * <p>The log is durable: a controller crash loses only the {@code QuorumController}'s memory (its
 * soft broker sessions included). A restart builds a new one, replays the whole log, and becomes
 * active in the next term, which grants every registered broker a fresh session.
 *
 * <p>Every committed batch is pushed to every broker at once; replies to brokers also carry the
 * batches they lack (what the broker's metadata fetch does), so a dropped push is repaired by the
 * next heartbeat.
 */
final class SimController {

    private static final int MAX_BATCHES_PER_REPLY = 256;

    private final Simulation sim;
    private final ControllerConfig config;
    private final List<Message.MetadataBatch> log = new ArrayList<>();
    private QuorumController controller;
    private long term;
    private long fenceToken = -1;

    SimController(Simulation sim) {
        this.sim = sim;
        this.config = ControllerConfig.defaults().withBrokerSessionTimeoutMs(sim.config.sessionTimeoutMs());
    }

    boolean isUp() {
        return controller != null;
    }

    List<Message.MetadataBatch> log() {
        return log;
    }

    void start(long nowMs) {
        controller = new QuorumController(config, new SplittableRandom(sim.random.nextLong()));
        for (Message.MetadataBatch b : log) {
            controller.replay(b.offset(), b.records());
        }
        if (term > 0) {
            sim.coverage.hit(Coverage.Mark.CONTROLLER_RESTART);
        }
        term++;
        append(controller.becomeActive(term, nowMs));
        fenceToken = sim.nextId();
        sim.schedule(nowMs + config.brokerSessionTimeoutMs() / 4, Simulation.CONTROLLER, new Timer(Timer.Kind.FENCE_STALE, -1, fenceToken));
    }

    void crash() {
        controller = null;
        fenceToken = -1;
    }

    /** Creates one of the simulation's topics (the harness's admin call; not over the simulated network). */
    CreateTopicsResponse createTopic(String name, int partitions, int replicationFactor, int minInsyncReplicas, boolean uncleanLeaderElection,
                                     long nowMs) {
        CreateTopicsRequest.Topic topic = new CreateTopicsRequest.Topic(name, partitions, replicationFactor, Map.of(),
                Map.of(TopicConfigs.MIN_INSYNC_REPLICAS, Integer.toString(minInsyncReplicas),
                        TopicConfigs.UNCLEAN_LEADER_ELECTION_ENABLE, Boolean.toString(uncleanLeaderElection)));
        return run(new CreateTopicsRequest(List.of(topic), false), nowMs);
    }

    /** ElectLeaders PREFERRED over every partition (an operator's or auto-rebalance's call). */
    void electPreferredLeaders(long nowMs) {
        ElectLeadersResponse r = run(new ElectLeadersRequest(ElectLeadersRequest.ElectionType.PREFERRED, null), nowMs);
        for (ElectLeadersResponse.PartitionResult p : r.partitions()) {
            if (p.error().isSuccess()) {
                sim.coverage.hit(Coverage.Mark.PREFERRED_LEADER_ELECTED);
            }
        }
    }

    /**
     * An operator's AlterPartitionReassignments for one partition (KIP-455): a new target replica set,
     * first the preferred leader, or null to cancel the move in progress. The replication factor may
     * change (KIP-860's flag set, as {@code kafka-reassign-partitions} sends it). Returns the
     * partition's result.
     */
    ApiError reassign(TopicPartition partition, List<Integer> targetReplicas, long nowMs) {
        AlterPartitionReassignmentsResponse r = run(new AlterPartitionReassignmentsRequest(
                List.of(new AlterPartitionReassignmentsRequest.Reassignment(partition, targetReplicas)), true), nowMs);
        return r.partitions().get(0).error();
    }

    /** An operator sets the topic's min.insync.replicas. */
    void setMinInsyncReplicas(int value, long nowMs) {
        run(new IncrementalAlterConfigsRequest(List.of(new IncrementalAlterConfigsRequest.Resource(ConfigResourceType.TOPIC,
                Simulation.TOPIC, List.of(new AlterConfigOp(TopicConfigs.MIN_INSYNC_REPLICAS, AlterConfigOp.OpType.SET,
                        Integer.toString(value))))), false), nowMs);
    }

    void onMessage(int from, Message m, long nowMs) {
        if (m instanceof Message.Register r) {
            RegisterBrokerResponse resp = run(new RegisterBrokerRequest(r.brokerId(), null, r.incarnationId(),
                    List.of(new BrokerEndpoint("PLAINTEXT", "b" + r.brokerId(), 9092, "PLAINTEXT")), null,
                    r.previousBrokerEpoch()), nowMs);
            sim.send(Simulation.CONTROLLER, from, new Message.RegisterReply(resp, after(r.metadataOffset())));
        } else if (m instanceof Message.Heartbeat h) {
            BrokerHeartbeatResponse resp = run(new BrokerHeartbeatRequest(h.brokerId(), h.brokerEpoch(), h.metadataOffset(), false,
                    h.wantShutDown()), nowMs);
            sim.send(Simulation.CONTROLLER, from, new Message.HeartbeatReply(resp, after(h.metadataOffset())));
        } else if (m instanceof Message.AlterPartition a) {
            sim.send(Simulation.CONTROLLER, from, new Message.AlterPartitionReply(a.requestId(), run(a.request(), nowMs)));
        } else if (m instanceof Message.ConnectionClosed c) {
            run(new FenceBrokerRequest(c.brokerId(), c.brokerEpoch(), "its connection closed"), nowMs);
        } else {
            throw new IllegalStateException("the controller cannot handle " + m);
        }
    }

    void onTimer(Timer t, long nowMs) {
        if (t.kind() == Timer.Kind.FENCE_STALE && t.token() == fenceToken) {
            run(new FenceStaleBrokersRequest(), nowMs);
            sim.schedule(nowMs + config.brokerSessionTimeoutMs() / 4, Simulation.CONTROLLER, t);
        }
    }

    private <R> R run(ControllerCommand<R> command, long nowMs) {
        return append(controller.handle(command, nowMs));
    }

    /** Appends a result's records as one batch; the one-voter log commits it at once, and everyone hears. */
    private <R> R append(ControllerResult<R> result) {
        if (!result.records().isEmpty()) {
            Message.MetadataBatch batch = new Message.MetadataBatch(log.size(), result.records());
            log.add(batch);
            controller.replay(batch.offset(), batch.records());
            sim.onMetadataCommitted(batch);
            for (SimBroker b : sim.brokers) {
                if (b.up) {
                    sim.send(Simulation.CONTROLLER, b.id, new Message.MetadataPush(List.of(batch)));
                }
            }
        }
        return result.response();
    }

    /** The committed batches after {@code offset}, at most a bounded number. */
    private List<Message.MetadataBatch> after(long offset) {
        int from = (int) Math.max(0, offset + 1);
        if (from >= log.size()) {
            return List.of();
        }
        return List.copyOf(log.subList(from, Math.min(log.size(), from + MAX_BATCHES_PER_REPLY)));
    }
}
