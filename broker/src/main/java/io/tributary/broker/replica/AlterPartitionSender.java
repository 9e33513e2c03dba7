package io.tributary.broker.replica;

import io.tributary.broker.partition.Partition;
import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.common.TopicPartition;
import io.tributary.replication.partition.IsrProposal;
import io.tributary.wire.api.alterpartition.AlterPartitionRequest;
import io.tributary.wire.api.alterpartition.AlterPartitionResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the ISR proposals of the partitions this broker leads to the controller as AlterPartition
 * requests (KIP-497), and their answers back to the partitions.
 *
 * <p>One request is in flight at a time; proposals made meanwhile wait and go together in the next.
 * The queue holds at most one proposal per partition (a partition has at most one pending), so it is
 * bounded by the partitions this broker leads. Each member of a proposed ISR carries the broker epoch
 * it fetched with (KIP-903), so the controller refuses a proposal built on a follower's previous life.
 *
 * <p>Outcomes, per partition:
 * <ul>
 *   <li>NONE: the partition applies the committed ISR and partition epoch at once (the metadata
 *       brings the same a moment later).</li>
 *   <li>INELIGIBLE_REPLICA, INVALID_REQUEST: refused for good; the proposal is dropped and the leader
 *       may propose again on a later fetch.</li>
 *   <li>INVALID_UPDATE_VERSION, FENCED_LEADER_EPOCH, NOT_LEADER_OR_FOLLOWER, unknown topic: the
 *       controller knows newer state; the proposal stays pending until the metadata brings it (a
 *       newer partition epoch ends the proposal).</li>
 *   <li>Anything else, and a failed or unanswered request: sent again after {@code retryBackoffMs},
 *       for as long as the partition still has that proposal pending.</li>
 * </ul>
 * A member the metadata shows fenced or shutting down is refused here before sending (KIP-841); the
 * controller would refuse it too.
 */
public final class AlterPartitionSender {

    private static final Logger log = LoggerFactory.getLogger(AlterPartitionSender.class);

    /** How the request reaches the active controller. */
    @FunctionalInterface
    public interface Channel {
        CompletableFuture<AlterPartitionResponse> send(AlterPartitionRequest request);
    }

    private record Item(Partition partition, IsrProposal proposal) {
    }

    private final int localId;
    private final LongSupplier brokerEpoch;
    private final IntPredicate eligible;
    private final Channel channel;
    private final ScheduledExecutorService scheduler;
    private final long retryBackoffMs;
    private final Map<TopicPartition, Item> queued = new LinkedHashMap<>();  // guarded by this
    private boolean inFlight;                                                 // guarded by this
    private boolean closed;                                                   // guarded by this

    /**
     * @param eligible whether the metadata lets a broker join an ISR (registered, not fenced, not shutting down)
     */
    public AlterPartitionSender(int localId, LongSupplier brokerEpoch, IntPredicate eligible, Channel channel,
                                ScheduledExecutorService scheduler, long retryBackoffMs) {
        this.localId = localId;
        this.brokerEpoch = brokerEpoch;
        this.eligible = eligible;
        this.channel = channel;
        this.scheduler = scheduler;
        this.retryBackoffMs = retryBackoffMs;
    }

    /** Queues a proposal (called under the partition's lock: only queues). */
    public void submit(Partition partition, IsrProposal proposal) {
        if (proposal.kind() == IsrProposal.Kind.EXPAND) {
            for (int joining : proposal.changedReplicas()) {
                if (!eligible.test(joining)) {
                    // Not sent: the controller would refuse it (KIP-841). Answered off this thread, since
                    // the partition's lock is held by whoever made the proposal.
                    run(() -> partition.onIsrExpansionNotSent(proposal, joining));
                    return;
                }
            }
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            queued.put(partition.topicPartition(), new Item(partition, proposal));
        }
        run(this::maybeSend);
    }

    private void maybeSend() {
        List<Item> batch;
        synchronized (this) {
            if (inFlight || queued.isEmpty() || closed) {
                return;
            }
            batch = new ArrayList<>(queued.values());
            queued.clear();
            inFlight = true;
        }
        Map<TopicId, List<AlterPartitionRequest.Partition>> byTopic = new LinkedHashMap<>();
        Map<TopicPartition, Item> sent = new HashMap<>();
        for (Item item : batch) {
            Partition p = item.partition();
            // Still this partition's pending proposal? A new term or a committed ISR ended it.
            if (!p.pendingProposal(item.proposal().leaderEpoch()).map(q -> q == item.proposal()).orElse(false)) {
                continue;
            }
            List<AlterPartitionRequest.IsrMember> members = new ArrayList<>();
            for (int id : item.proposal().proposedIsr()) {
                members.add(new AlterPartitionRequest.IsrMember(id, id == localId ? brokerEpoch.getAsLong() : p.followerBrokerEpoch(id)));
            }
            byTopic.computeIfAbsent(p.topicId(), k -> new ArrayList<>()).add(new AlterPartitionRequest.Partition(
                    p.topicPartition().partition(), item.proposal().leaderEpoch(), members,
                    AlterPartitionRequest.LEADER_RECOVERY_RECOVERED, p.partitionEpoch()));
            sent.put(p.topicPartition(), item);
        }
        if (sent.isEmpty()) {
            finished();
            return;
        }
        List<AlterPartitionRequest.Topic> topics = new ArrayList<>();
        byTopic.forEach((id, parts) -> topics.add(new AlterPartitionRequest.Topic(id, parts)));
        CompletableFuture<AlterPartitionResponse> f;
        try {
            f = channel.send(new AlterPartitionRequest(localId, brokerEpoch.getAsLong(), topics));
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((response, error) -> {
            try {
                if (error != null) {
                    log.info("AlterPartition for {} partition(s) failed ({}); retrying in {} ms", sent.size(), error.toString(), retryBackoffMs);
                    retryLater(sent.values());
                } else if (response.error() != ErrorCode.NONE) {
                    log.info("AlterPartition for {} partition(s) refused with {}; retrying in {} ms", sent.size(), response.error(),
                            retryBackoffMs);
                    retryLater(sent.values());
                } else {
                    handle(sent, response);
                }
            } finally {
                finished();
            }
        });
    }

    private void handle(Map<TopicPartition, Item> sent, AlterPartitionResponse response) {
        Map<TopicId, String> names = new HashMap<>();
        for (Item i : sent.values()) {
            names.put(i.partition().topicId(), i.partition().topicPartition().topic());
        }
        List<Item> retry = new ArrayList<>();
        for (AlterPartitionResponse.Topic t : response.topics()) {
            String name = names.get(t.topicId());
            if (name == null) {
                continue;
            }
            for (AlterPartitionResponse.Partition r : t.partitions()) {
                Item item = sent.remove(new TopicPartition(name, r.partitionIndex()));
                if (item == null) {
                    continue;
                }
                ErrorCode e = r.error();
                if (e == ErrorCode.NONE || e == ErrorCode.INELIGIBLE_REPLICA || e == ErrorCode.INVALID_REQUEST) {
                    item.partition().onAlterPartitionResult(item.proposal(), e, r.isr(), r.partitionEpoch());
                } else if (Set.of(ErrorCode.INVALID_UPDATE_VERSION, ErrorCode.FENCED_LEADER_EPOCH, ErrorCode.NOT_LEADER_OR_FOLLOWER,
                        ErrorCode.UNKNOWN_TOPIC_ID, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION).contains(e)) {
                    log.info("Partition {}: ISR change to {} not made ({}); waiting for the controller's metadata",
                            item.partition().topicPartition(), item.proposal().proposedIsr(), e);
                } else {
                    retry.add(item);
                }
            }
        }
        retry.addAll(sent.values());   // partitions the response left out
        if (!retry.isEmpty()) {
            retryLater(retry);
        }
    }

    private void retryLater(Iterable<Item> items) {
        List<Item> copy = new ArrayList<>();
        items.forEach(copy::add);
        try {
            scheduler.schedule(() -> {
                synchronized (this) {
                    for (Item i : copy) {
                        queued.putIfAbsent(i.partition().topicPartition(), i);
                    }
                }
                maybeSend();
            }, retryBackoffMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The node is stopping; its partitions stop leading with it.
        }
    }

    private void run(Runnable r) {
        try {
            scheduler.execute(r);
        } catch (RejectedExecutionException e) {
            // The node is stopping; its partitions stop leading with it.
        }
    }

    private void finished() {
        synchronized (this) {
            inFlight = false;
        }
        run(this::maybeSend);
    }

    public synchronized void close() {
        closed = true;
        queued.clear();
    }
}
