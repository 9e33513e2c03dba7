package io.tributary.metadata.controller;

import io.tributary.metadata.controller.api.AllocateProducerIdsRequest;
import io.tributary.metadata.controller.api.AlterConfigsRequest;
import io.tributary.metadata.controller.api.AlterPartitionReassignmentsRequest;
import io.tributary.metadata.controller.api.AlterPartitionRequest;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.metadata.controller.api.BalanceLeadersRequest;
import io.tributary.metadata.controller.api.BrokerHeartbeatRequest;
import io.tributary.metadata.controller.api.BrokerHeartbeatResponse;
import io.tributary.metadata.controller.api.ControllerCommand;
import io.tributary.metadata.controller.api.CreatePartitionsRequest;
import io.tributary.metadata.controller.api.CreateTopicsRequest;
import io.tributary.metadata.controller.api.DeleteTopicsRequest;
import io.tributary.metadata.controller.api.ElectLeadersRequest;
import io.tributary.metadata.controller.api.FenceBrokerRequest;
import io.tributary.metadata.controller.api.FenceStaleBrokersRequest;
import io.tributary.metadata.controller.api.IncrementalAlterConfigsRequest;
import io.tributary.metadata.controller.api.RegisterBrokerRequest;
import io.tributary.metadata.controller.api.RegisterBrokerResponse;
import io.tributary.metadata.controller.api.UnregisterBrokerRequest;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.log.NotControllerException;
import io.tributary.metadata.record.BrokerControlledShutdownRecord;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.metadata.record.UnregisterBrokerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * One controller node's metadata state, still pure (no threads, no I/O): the committed image,
 * the batches it appended that have not come back committed yet, and the speculative image
 * (committed image plus those batches), against which new commands are validated, so that two
 * commands in a row see each other's effects before either commits (KRaft's "timeline", in its
 * simplest correct form).
 *
 * <p>States and legal transitions:
 * <pre>
 *   STANDBY --becomeActive(epoch)--> ACTIVE       (epoch larger than any before; every earlier batch already replayed)
 *   ACTIVE  --resign()/appendFailed()--> STANDBY  (uncommitted batches dropped, speculative image = committed image)
 *   any     --replay(offset, batch)--> same       (offsets strictly grow)
 *   STANDBY --loadSnapshot(image)--> STANDBY
 *   ACTIVE  --handle(command)--> ACTIVE           (refused with NotControllerException in STANDBY)
 * </pre>
 * While ACTIVE, every committed batch must be the oldest batch this controller appended (Raft
 * delivers a leader's own entries in order, and {@code becomeActive} comes only after all earlier
 * entries); anything else means the log and this controller disagree, and is refused loudly.
 *
 * <p>The caller (the quorum glue) must append every non-empty {@code records()} of a result, in the
 * order the results were produced, with {@code MetadataLog.append(epoch(), records)}; when an
 * append fails it calls {@link #appendFailed}, which resigns, as KRaft's controller does, because
 * later batches were computed on top of the failed one.
 *
 * <p>Not thread-safe: one thread (the quorum glue's event loop, or the simulation) drives it, and
 * {@code nowMs} must come from a monotonic clock.
 *
 * <p>Bounded: at most {@code maxUncommittedBatches} batches wait; {@link #hasCapacity()} says
 * whether another command may run, and {@link #handle} refuses one beyond the bound.
 */
public final class QuorumController {

    private static final Logger log = LoggerFactory.getLogger(QuorumController.class);

    private final ControllerCore core;
    private final RandomGenerator random;
    private final BrokerHeartbeats heartbeats;
    private final Deque<List<MetadataRecord>> pending = new ArrayDeque<>();
    private MetadataImage committed = MetadataImage.EMPTY;
    private MetadataImage speculative = MetadataImage.EMPTY;
    private boolean active;
    private long epoch = -1;

    public QuorumController(ControllerConfig config, RandomGenerator random) {
        this.core = new ControllerCore(config);
        this.random = random;
        this.heartbeats = new BrokerHeartbeats(config.brokerSessionTimeoutMs());
    }

    public ControllerCore core() {
        return core;
    }

    /** The image of everything committed. */
    public MetadataImage committedImage() {
        return committed;
    }

    /** The image commands are validated against: committed plus this controller's uncommitted batches. */
    public MetadataImage image() {
        return speculative;
    }

    public boolean isActive() {
        return active;
    }

    /** The term this controller is (or last was) active in, or -1. */
    public long epoch() {
        return epoch;
    }

    public int uncommittedBatches() {
        return pending.size();
    }

    public boolean hasCapacity() {
        return pending.size() < core.config().maxUncommittedBatches();
    }

    /** The soft broker state (sessions, registration offsets). Read it; do not change it. */
    public BrokerHeartbeats heartbeats() {
        return heartbeats;
    }

    /**
     * This node became the active controller. Every registered broker is treated as having just
     * heartbeated (failover grace), and on an empty log the cluster id is created: the result's
     * records (possibly none) must be appended like any command's.
     */
    public ControllerResult<Optional<String>> becomeActive(long newEpoch, long nowMs) {
        if (active) {
            throw new IllegalStateException("already active in epoch " + epoch + "; cannot become active in " + newEpoch);
        }
        if (newEpoch <= epoch) {
            throw new IllegalStateException("epoch " + newEpoch + " does not follow the last active epoch " + epoch);
        }
        active = true;
        epoch = newEpoch;
        pending.clear();
        speculative = committed;
        heartbeats.resetSessions(committed.brokers().keySet(), nowMs);
        log.info("Became the active controller in epoch {} at offset {} with {} registered broker(s)", newEpoch,
                committed.lastAppliedOffset(), committed.brokers().size());
        return push(core.bootstrap(committed, random));
    }

    /** This node is no longer the active controller: drop uncommitted work. */
    public void resign() {
        if (!active) {
            throw new IllegalStateException("not active; nothing to resign");
        }
        active = false;
        if (!pending.isEmpty()) {
            log.info("Resigning in epoch {} with {} uncommitted batch(es) dropped", epoch, pending.size());
        }
        pending.clear();
        speculative = committed;
    }

    /** An append of this controller failed: its later batches were built on it, so it resigns. */
    public void appendFailed(Throwable cause) {
        log.warn("A metadata append failed in epoch {}; resigning: {}", epoch, cause.toString());
        if (active) {
            resign();
        }
    }

    /** Applies a committed batch. */
    public void replay(long offset, List<MetadataRecord> records) {
        if (offset <= committed.lastAppliedOffset()) {
            throw new IllegalStateException("batch offset " + offset + " does not follow the last applied " + committed.lastAppliedOffset());
        }
        if (active && !pending.isEmpty() && !pending.peekFirst().equals(records)) {
            throw new IllegalStateException("the batch committed at offset " + offset + " is not the oldest batch this "
                    + "controller appended in epoch " + epoch + "; the log and the controller disagree");
        }
        MetadataDelta delta = new MetadataDelta(committed);
        delta.replayAll(records);
        committed = delta.apply(offset);
        for (MetadataRecord r : records) {
            if (r instanceof RegisterBrokerRecord reg) {
                heartbeats.registrationCommitted(reg.brokerId(), offset);
            } else if (r instanceof BrokerControlledShutdownRecord cs) {
                heartbeats.controlledShutdownCommitted(cs.brokerId(), offset);
            } else if (r instanceof UnregisterBrokerRecord u) {
                heartbeats.forget(u.brokerId());
            }
        }
        if (active && !pending.isEmpty()) {
            pending.pollFirst();
        }
        if (pending.isEmpty()) {
            speculative = committed;
        }
    }

    /** Replaces all state with a snapshot. Only a standby loads snapshots. */
    public void loadSnapshot(MetadataImage image) {
        if (active) {
            throw new IllegalStateException("an active controller does not load snapshots");
        }
        committed = image;
        speculative = image;
        heartbeats.loadSnapshot(image);
    }

    /**
     * Handles a command against the speculative image. Its records (if any) become an uncommitted
     * batch that the caller must append; the response is to be sent once they commit.
     */
    public <R> ControllerResult<R> handle(ControllerCommand<R> command, long nowMs) {
        if (!active) {
            throw new NotControllerException("this node is not the active controller", OptionalInt.empty());
        }
        if (!hasCapacity()) {
            throw new IllegalStateException("too many uncommitted batches (" + pending.size() + "); wait for commits");
        }
        return push(dispatch(command, nowMs));
    }

    @SuppressWarnings("unchecked")
    private <R> ControllerResult<R> dispatch(ControllerCommand<R> command, long nowMs) {
        MetadataImage image = speculative;
        Object result;
        if (command instanceof CreateTopicsRequest c) {
            result = core.createTopics(image, c, random, heartbeats::heardThisTerm);
        } else if (command instanceof DeleteTopicsRequest c) {
            result = core.deleteTopics(image, c);
        } else if (command instanceof CreatePartitionsRequest c) {
            result = core.createPartitions(image, c, random, heartbeats::heardThisTerm);
        } else if (command instanceof IncrementalAlterConfigsRequest c) {
            result = core.incrementalAlterConfigs(image, c);
        } else if (command instanceof AlterConfigsRequest c) {
            result = core.alterConfigs(image, c);
        } else if (command instanceof AllocateProducerIdsRequest c) {
            result = core.allocateProducerIds(image, c);
        } else if (command instanceof RegisterBrokerRequest c) {
            ControllerResult<RegisterBrokerResponse> r = core.registerBroker(image, heartbeats, c, nowMs);
            if (r.response().error().isSuccess()) {
                heartbeats.touch(c.brokerId(), nowMs);
                heartbeats.epochIssued(r.response().brokerEpoch());
            }
            result = r;
        } else if (command instanceof BrokerHeartbeatRequest c) {
            ControllerResult<BrokerHeartbeatResponse> r = core.brokerHeartbeat(image, heartbeats, c);
            if (r.response().error().isSuccess()) {
                heartbeats.touch(c.brokerId(), nowMs);
            }
            result = r;
        } else if (command instanceof UnregisterBrokerRequest c) {
            result = core.unregisterBroker(image, c.brokerId());
        } else if (command instanceof FenceStaleBrokersRequest) {
            // Brokers that registered through batches this controller did not write start their session now.
            for (int id : image.brokers().keySet()) {
                heartbeats.trackIfAbsent(id, nowMs);
            }
            result = core.fenceStaleBrokers(image, heartbeats, nowMs);
        } else if (command instanceof FenceBrokerRequest c) {
            ControllerResult<ApiError> r = core.fenceBroker(image, c);
            if (r.response().isSuccess()) {
                heartbeats.expireSession(c.brokerId(), nowMs);
            }
            result = r;
        } else if (command instanceof AlterPartitionRequest c) {
            result = core.alterPartition(image, c);
        } else if (command instanceof ElectLeadersRequest c) {
            result = core.electLeaders(image, c);
        } else if (command instanceof AlterPartitionReassignmentsRequest c) {
            result = core.alterPartitionReassignments(image, c);
        } else if (command instanceof BalanceLeadersRequest) {
            result = core.balanceLeaders(image);
        } else {
            throw new IllegalArgumentException("unknown command " + command.getClass().getName());
        }
        return (ControllerResult<R>) result;
    }

    private <R> ControllerResult<R> push(ControllerResult<R> result) {
        if (!result.records().isEmpty()) {
            MetadataDelta delta = new MetadataDelta(speculative);
            delta.replayAll(result.records());
            speculative = delta.applyUncommitted();
            pending.addLast(result.records());
        }
        return result;
    }
}
