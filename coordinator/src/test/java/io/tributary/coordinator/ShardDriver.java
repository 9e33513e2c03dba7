package io.tributary.coordinator;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;
import io.tributary.coordinator.api.CoordinatorRequest;
import io.tributary.coordinator.api.CoordinatorResponse;
import io.tributary.coordinator.api.HeartbeatRequest;
import io.tributary.coordinator.api.HeartbeatResponse;
import io.tributary.coordinator.api.JoinGroupRequest;
import io.tributary.coordinator.api.JoinGroupResponse;
import io.tributary.coordinator.api.OffsetCommitRequest;
import io.tributary.coordinator.api.OffsetCommitResponse;
import io.tributary.coordinator.api.OffsetFetchRequest;
import io.tributary.coordinator.api.OffsetFetchResponse;
import io.tributary.coordinator.api.Protocol;
import io.tributary.coordinator.api.Reply;
import io.tributary.coordinator.api.SyncGroupRequest;
import io.tributary.coordinator.api.SyncGroupResponse;
import io.tributary.coordinator.record.CoordinatorRecord;
import io.tributary.coordinator.record.CoordinatorRecordCodec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plays the broker for a shard in tests: a log of the records it appends (through the codec, as
 * the real partition would hold them), a high watermark that commits them, replies held until
 * their records commit, and the time. A failover is {@link #failover}: the log keeps a prefix no
 * shorter than the high watermark, and a new shard loads it.
 */
final class ShardDriver {

    static final String CONSUMER = "consumer";

    final GroupCoordinatorConfig config;
    private final SplittableRandom random;
    /** Where a failover's load flushes its chunks; apart from {@link #random}, so member ids stay as they were. */
    private final SplittableRandom chunks;
    GroupCoordinatorShard shard;
    final List<CoordinatorRecord> log = new ArrayList<>();
    long highWatermark;
    long nowMs = 1_000_000;
    boolean autoCommit = true;
    private long nextRequestId = 1;
    private final List<ShardOutput> held = new ArrayList<>();
    final Map<Long, CoordinatorResponse> released = new HashMap<>();
    /** Every reply as released, with the high watermark at release, in order. */
    final List<ReleasedReply> releaseLog = new ArrayList<>();

    record ReleasedReply(Reply reply, long releaseAt, long highWatermark) {
    }

    ShardDriver(GroupCoordinatorConfig config, long seed) {
        this.config = config;
        this.random = new SplittableRandom(seed);
        this.chunks = new SplittableRandom(~seed);
        this.shard = new GroupCoordinatorShard(config, random);
        apply(shard.activate(0, nowMs));
    }

    static ShardDriver withoutInitialDelay() {
        return new ShardDriver(GroupCoordinatorConfig.defaults().withInitialRebalanceDelayMs(0), 42);
    }

    long send(CoordinatorRequest request) {
        long id = nextRequestId++;
        apply(shard.handle(id, request, nowMs));
        return id;
    }

    void apply(ShardOutput out) {
        assertThat(out.firstOffset()).as("records land where the shard expects").isEqualTo(log.size());
        for (CoordinatorRecord r : out.records()) {
            byte[] value = CoordinatorRecordCodec.value(r);
            log.add(CoordinatorRecordCodec.parse(ByteBuffer.wrap(CoordinatorRecordCodec.key(r)),
                    value == null ? null : ByteBuffer.wrap(value)));
        }
        held.add(out);
        if (autoCommit) {
            commit(log.size());
        } else {
            release();
        }
    }

    void commit(long offset) {
        highWatermark = Math.max(highWatermark, Math.min(offset, log.size()));
        release();
    }

    private void release() {
        for (Iterator<ShardOutput> it = held.iterator(); it.hasNext(); ) {
            ShardOutput out = it.next();
            if (out.releaseAtHighWatermark() <= highWatermark) {
                for (Reply r : out.replies()) {
                    assertThat(released.put(r.requestId(), r.response())).as("request %d answered twice", r.requestId()).isNull();
                    releaseLog.add(new ReleasedReply(r, out.releaseAtHighWatermark(), highWatermark));
                }
                it.remove();
            }
        }
    }

    void advance(long ms) {
        nowMs += ms;
        apply(shard.tick(nowMs));
    }

    /** The new leader keeps {@code keep} records (at least the committed ones) and loads them. */
    void failover(long keep) {
        long kept = Math.max(highWatermark, Math.min(keep, log.size()));
        for (Reply r : shard.unload()) {
            released.put(r.requestId(), r.response());
        }
        held.clear();
        log.subList((int) kept, log.size()).clear();
        shard = new GroupCoordinatorShard(config, random);
        load(shard, log, chunks);
        highWatermark = log.size();
        apply(shard.activate(log.size(), nowMs));
    }

    /**
     * Loads {@code records} into {@code shard} as the broker does: their bytes through a
     * {@link ShardLoader}, flushed after chunks of a random number of records (the broker's chunks
     * are whole batches of up to {@code offsets.load.buffer.size} bytes), the key memory sometimes
     * bounded to a few keys.
     */
    static void load(GroupCoordinatorShard shard, List<CoordinatorRecord> records, SplittableRandom chunks) {
        // Now and then a loader that forgets the keys it saw at every flush, as one past its bound does.
        ShardLoader loader = chunks.nextInt(4) == 0 ? new ShardLoader(shard, chunks.nextInt(3)) : new ShardLoader(shard);
        int chunkLeft = 1 + chunks.nextInt(Math.max(1, records.size()));
        for (int i = 0; i < records.size(); i++) {
            CoordinatorRecord r = records.get(i);
            byte[] value = CoordinatorRecordCodec.value(r);
            loader.add(i, ByteBuffer.wrap(CoordinatorRecordCodec.key(r)), value == null ? null : ByteBuffer.wrap(value));
            if (--chunkLeft == 0) {
                loader.flush();
                chunkLeft = 1 + chunks.nextInt(Math.max(1, records.size()));
            }
        }
        loader.flush();
    }

    @SuppressWarnings("unchecked")
    <T extends CoordinatorResponse> T reply(long requestId) {
        return (T) released.get(requestId);
    }

    boolean answered(long requestId) {
        return released.containsKey(requestId);
    }

    // ---- conveniences for the classic consumer protocol ----

    static List<Protocol> protocols(String... names) {
        List<Protocol> out = new ArrayList<>();
        for (String n : names) {
            out.add(new Protocol(n, subscription("topic")));
        }
        return out;
    }

    /** ConsumerProtocolSubscription v0 bytes for these topics. */
    static byte[] subscription(String... topics) {
        ByteBuffer b = ByteBuffer.allocate(256);
        b.putShort((short) 0).putInt(topics.length);
        for (String t : topics) {
            b.putShort((short) t.length()).put(t.getBytes());
        }
        b.putInt(-1);
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    static JoinGroupRequest joinRequest(String groupId, String memberId, String instanceId, List<Protocol> protocols) {
        return new JoinGroupRequest(9, groupId, memberId, instanceId, CONSUMER, protocols, 10_000, 30_000,
                "client", "/127.0.0.1");
    }

    /** A new dynamic member's first JoinGroup (answered MEMBER_ID_REQUIRED) then its second, parked or answered. */
    long joinNew(String groupId) {
        long first = send(joinRequest(groupId, "", null, protocols("range")));
        JoinGroupResponse r = reply(first);
        assertThat(r.error()).isEqualTo(ErrorCode.MEMBER_ID_REQUIRED);
        return send(joinRequest(groupId, r.memberId(), null, protocols("range")));
    }

    long rejoin(String groupId, String memberId) {
        return send(joinRequest(groupId, memberId, null, protocols("range")));
    }

    long sync(String groupId, int generation, String memberId, Map<String, byte[]> assignments) {
        return send(new SyncGroupRequest(groupId, generation, memberId, null, CONSUMER, "range", assignments));
    }

    ErrorCode heartbeat(String groupId, int generation, String memberId) {
        HeartbeatResponse r = reply(send(new HeartbeatRequest(groupId, generation, memberId, null)));
        return r.error();
    }

    ErrorCode commitOffset(String groupId, int generation, String memberId, TopicPartition tp, long offset) {
        OffsetCommitResponse r = reply(send(new OffsetCommitRequest(groupId, generation, memberId, null,
                OffsetCommitRequest.DEFAULT_RETENTION, List.of(new OffsetCommitRequest.PartitionCommit(tp, offset, 3, "m")))));
        return r.partitions().get(0).error();
    }

    long fetchOffset(String groupId, TopicPartition tp) {
        OffsetFetchResponse r = reply(send(new OffsetFetchRequest(groupId, List.of(tp), false)));
        return r.partitions().get(0).offset();
    }

    SyncGroupResponse syncReply(long id) {
        return reply(id);
    }
}
