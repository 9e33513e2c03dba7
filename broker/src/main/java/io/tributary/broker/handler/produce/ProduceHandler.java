package io.tributary.broker.handler.produce;

import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.DelayedPartitionWait;
import io.tributary.broker.handler.RequestContext;
import io.tributary.broker.image.MetadataView;
import io.tributary.broker.partition.AppendResult;
import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.ReplicaManager;
import io.tributary.broker.purgatory.Purgatory;
import io.tributary.common.ErrorCode;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.broker.handler.InternalTopics;
import io.tributary.broker.handler.LeaderHints;
import io.tributary.wire.api.LeaderAndEpoch;
import io.tributary.wire.api.NodeEndpoint;
import io.tributary.wire.api.produce.ProduceRequest;
import io.tributary.wire.api.produce.ProduceResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produce: for each partition, check leadership, validate, check idempotence, append and stamp the
 * leader epoch ({@link Partition#appendAsLeader}, which announces the new log end and high watermark
 * to whoever waits on them); then answer at once
 * ({@code acks=1}), wait for the high watermark ({@code acks=all}, through the same purgatory a
 * replicated partition uses), or send nothing ({@code acks=0}).
 */
public final class ProduceHandler implements ApiHandler<ProduceRequest, ProduceResponse> {

    private static final Logger log = LoggerFactory.getLogger(ProduceHandler.class);

    /** The client id Kafka lets write internal topics (its admin tools' {@code __admin_client}); others get INVALID_TOPIC_EXCEPTION. */
    static final String ADMIN_CLIENT_ID = "__admin_client";

    private final MetadataView metadata;
    private final ReplicaManager replicas;
    private final Purgatory<TopicPartition> producePurgatory;
    private final Executor io;
    private final Time time;

    /**
     * @param io where appends that fsync ({@code flush.messages} set on the topic) run, off the event loop;
     *           when it is full the append runs on the event loop rather than being refused
     */
    public ProduceHandler(MetadataView metadata, ReplicaManager replicas, Purgatory<TopicPartition> producePurgatory,
                          Executor io, Time time) {
        this.metadata = metadata;
        this.replicas = replicas;
        this.producePurgatory = producePurgatory;
        this.io = io;
        this.time = time;
    }

    /** One partition's answer in the making, in request order. */
    private static final class Slot {
        final int partition;
        ProduceResponse.PartitionResponse response;
        AppendResult appended;
        DelayedProduce.Pending pending;

        Slot(int partition) {
            this.partition = partition;
        }
    }

    private record TopicSlots(String name, io.tributary.common.TopicId id, List<Slot> slots) {
    }

    @Override
    public CompletableFuture<ProduceResponse> handle(RequestContext ctx, ProduceRequest request) {
        MetadataImage image = metadata.image();
        if (!mayFsync(image, request)) {
            return appendAll(ctx, request, image);
        }
        CompletableFuture<ProduceResponse> future = new CompletableFuture<>();
        try {
            io.execute(() -> appendAll(ctx, request, image).whenComplete((r, e) -> {
                if (e != null) {
                    future.completeExceptionally(e);
                } else {
                    future.complete(r);
                }
            }));
        } catch (RejectedExecutionException e) {
            return appendAll(ctx, request, image);
        }
        return future;
    }

    /** Whether appending this request may fsync (a topic with {@code flush.messages}), which must not block an event loop. */
    private boolean mayFsync(MetadataImage image, ProduceRequest request) {
        for (ProduceRequest.TopicData td : request.topics()) {
            TopicImage t = td.byId() ? image.topic(td.topicId()) : image.topic(td.name());
            if (t == null) {
                continue;
            }
            for (ProduceRequest.PartitionData pd : td.partitions()) {
                Partition p = t.partition(pd.partition()) == null ? null : replicas.partition(t.topicPartition(pd.partition()));
                if (p != null && p.log().config().flushIntervalMessages() != Long.MAX_VALUE) {
                    return true;
                }
            }
        }
        return false;
    }

    private CompletableFuture<ProduceResponse> appendAll(RequestContext ctx, ProduceRequest request, MetadataImage image) {
        try {
            return appendAllOrThrow(ctx, request, image);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<ProduceResponse> appendAllOrThrow(RequestContext ctx, ProduceRequest request, MetadataImage image) {
        short acks = request.acks();
        long nowMs = time.milliseconds();
        List<TopicSlots> topics = new ArrayList<>();
        List<DelayedProduce.Pending> waits = new ArrayList<>();
        Set<Integer> leaders = new HashSet<>();
        for (ProduceRequest.TopicData td : request.topics()) {
            TopicImage t = td.byId() ? image.topic(td.topicId()) : image.topic(td.name());
            TopicSlots ts = new TopicSlots(t != null ? t.name() : td.name(), t != null ? t.id() : td.topicId(), new ArrayList<>());
            topics.add(ts);
            for (ProduceRequest.PartitionData pd : td.partitions()) {
                Slot slot = new Slot(pd.partition());
                ts.slots().add(slot);
                if (acks != 0 && acks != 1 && acks != -1) {
                    slot.response = ProduceResponse.PartitionResponse.failed(pd.partition(), ErrorCode.INVALID_REQUIRED_ACKS);
                    continue;
                }
                if (t == null) {
                    slot.response = ProduceResponse.PartitionResponse.failed(pd.partition(),
                            td.byId() ? ErrorCode.UNKNOWN_TOPIC_ID : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
                    continue;
                }
                PartitionRegistration reg = t.partition(pd.partition());
                if (reg == null) {
                    slot.response = ProduceResponse.PartitionResponse.failed(pd.partition(), ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
                    continue;
                }
                if (InternalTopics.isInternal(t.name()) && !ADMIN_CLIENT_ID.equals(ctx.clientId())) {
                    // As Kafka: a record the group coordinator did not write would stop its partition's next load.
                    slot.response = ProduceResponse.PartitionResponse.failed(pd.partition(), ErrorCode.INVALID_TOPIC_EXCEPTION);
                    continue;
                }
                TopicPartition tp = t.topicPartition(pd.partition());
                Partition p = replicas.partition(tp);
                if (p == null || !p.isLeader()) {
                    LeaderAndEpoch hint = LeaderHints.leader(reg, p);
                    slot.response = new ProduceResponse.PartitionResponse(pd.partition(), ErrorCode.NOT_LEADER_OR_FOLLOWER, -1L, -1L,
                            -1L, List.of(), null, hint);
                    leaders.add(hint.leaderId());
                    continue;
                }
                if (p.log().config().compaction().compact()) {
                    List<ProduceResponse.RecordError> keyless = KeylessRecords.find(pd.records(), tp.toString());
                    if (!keyless.isEmpty()) {
                        slot.response = new ProduceResponse.PartitionResponse(pd.partition(), ErrorCode.INVALID_RECORD, -1L, -1L,
                                -1L, keyless, KeylessRecords.summary(keyless), null);
                        continue;
                    }
                }
                // The epoch the append is made in: an acks=all wait ends if the term does.
                int appendEpoch = p.leaderEpoch();
                AppendResult r = p.appendAsLeader(pd.records(), acks, nowMs);
                slot.appended = r;
                if (!r.ok()) {
                    if (log.isDebugEnabled()) {
                        log.debug("Produce to {} from {} refused: {} {}", tp, ctx.clientId(), r.error(), r.errorMessage());
                    }
                    LeaderAndEpoch hint = null;
                    if (r.error() == ErrorCode.NOT_LEADER_OR_FOLLOWER) {
                        // Deposed between the check above and the append.
                        hint = LeaderHints.leader(reg, p);
                        leaders.add(hint.leaderId());
                    }
                    slot.response = new ProduceResponse.PartitionResponse(pd.partition(), r.error(), -1L, -1L, -1L, List.of(),
                            r.errorMessage(), hint);
                    continue;
                }
                if (acks == -1) {
                    slot.pending = new DelayedProduce.Pending(tp, p, r.requiredOffset(), appendEpoch);
                    waits.add(slot.pending);
                } else {
                    slot.response = success(slot.partition, r);
                }
            }
        }
        List<NodeEndpoint> endpoints = leaders.isEmpty() ? List.of() : LeaderHints.endpoints(image, ctx.listenerName(), leaders);
        if (waits.isEmpty()) {
            return CompletableFuture.completedFuture(build(topics, endpoints));
        }
        CompletableFuture<ProduceResponse> future = new CompletableFuture<>();
        DelayedPartitionWait<DelayedProduce.Pending> op = new DelayedPartitionWait<>(Math.max(0, request.timeoutMs()), waits, replicas, expired -> {
            // Leadership may have moved while the write waited (a controlled shutdown, a deposed leader
            // learning of its successor): name the leader as of now (KIP-951), so the client retries
            // there at once instead of asking for metadata first.
            MetadataImage now = metadata.image();
            Set<Integer> movedTo = new HashSet<>();
            for (TopicSlots ts : topics) {
                for (Slot s : ts.slots()) {
                    if (s.pending != null) {
                        ErrorCode e = s.pending.outcome();
                        LeaderAndEpoch hint = null;
                        if (e == ErrorCode.NOT_LEADER_OR_FOLLOWER) {
                            hint = LeaderHints.leader(registration(now, s.pending.topicPartition()), s.pending.partition());
                            movedTo.add(hint.leaderId());
                        }
                        s.response = e == ErrorCode.NONE ? success(s.partition, s.appended)
                                : new ProduceResponse.PartitionResponse(s.partition, e, -1L, -1L, -1L, List.of(), null, hint);
                    }
                }
            }
            movedTo.addAll(leaders);
            movedTo.remove(-1);
            future.complete(build(topics, movedTo.isEmpty() ? endpoints : LeaderHints.endpoints(now, ctx.listenerName(), movedTo)));
        });
        producePurgatory.tryCompleteElseWatch(op);
        return future;
    }

    private static PartitionRegistration registration(MetadataImage image, TopicPartition tp) {
        TopicImage t = image.topic(tp.topic());
        return t == null ? null : t.partition(tp.partition());
    }

    private static ProduceResponse.PartitionResponse success(int partition, AppendResult r) {
        return new ProduceResponse.PartitionResponse(partition, ErrorCode.NONE, r.baseOffset(), r.logAppendTimeMs(),
                r.logStartOffset(), List.of(), null, null);
    }

    private static ProduceResponse build(List<TopicSlots> topics, List<NodeEndpoint> endpoints) {
        List<ProduceResponse.TopicResponse> out = new ArrayList<>(topics.size());
        for (TopicSlots ts : topics) {
            List<ProduceResponse.PartitionResponse> parts = new ArrayList<>(ts.slots().size());
            for (Slot s : ts.slots()) {
                parts.add(s.response);
            }
            out.add(new ProduceResponse.TopicResponse(ts.name(), ts.id(), parts));
        }
        return new ProduceResponse(out, 0, endpoints);
    }

    @Override
    public ResponseAction responseAction(ProduceRequest request, ProduceResponse response) {
        if (request.acks() != 0) {
            return ResponseAction.SEND;
        }
        for (ProduceResponse.TopicResponse t : response.topics()) {
            for (ProduceResponse.PartitionResponse p : t.partitions()) {
                if (p.error() != ErrorCode.NONE) {
                    return ResponseAction.CLOSE;
                }
            }
        }
        return ResponseAction.NONE;
    }
}
