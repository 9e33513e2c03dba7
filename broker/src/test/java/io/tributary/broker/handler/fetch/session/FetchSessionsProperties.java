package io.tributary.broker.handler.fetch.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.common.records.RecordsSlice;
import io.tributary.wire.api.IsolationLevel;
import io.tributary.wire.api.fetch.FetchRequest;
import io.tributary.wire.api.fetch.FetchResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The session state machine against a model of it, over random schedules of full fetches (with and
 * without sessions, naming live, closed or made-up session ids), incremental fetches (right and wrong
 * epochs, partitions added, updated and forgotten, topics named the other way), and the partitions'
 * state changing in between (high watermark, log start, new records, errors). After every request:
 * the error, the partitions read (and their order and fetch offsets), the partitions sent back and
 * the session id all match the model, which is Kafka's rules written the obvious way.
 */
class FetchSessionsProperties {

    private static final String[] TOPICS = {"a", "b", "c"};
    private static final int PARTITIONS = 3;

    @Property(tries = 300)
    void theSessionStateMachineMatchesTheModel(@ForAll long seed) {
        new Run(new Random(seed)).go(120);
    }

    /** A partition's state on the broker, which every read reports. */
    private record Live(long highWatermark, long logStartOffset, boolean hasRecords, ErrorCode error) {
    }

    /** What the model remembers of one session partition. */
    private static final class ModelPartition {
        long fetchOffset;
        long sentHighWatermark = -1;
        long sentLogStart = -1;

        ModelPartition(long fetchOffset) {
            this.fetchOffset = fetchOffset;
        }
    }

    private static final class ModelSession {
        int epoch = 1;
        boolean usesTopicIds;
        final LinkedHashMap<String, ModelPartition> partitions = new LinkedHashMap<>(); // key "topic-partition"
    }

    private static final class Run {
        final Random random;
        final FetchSessions sessions = new FetchSessions(new FetchSessionCache(1000, 60_000, new SplittableRandom(7)));
        final Map<String, Live> live = new HashMap<>();
        final Map<Integer, ModelSession> model = new HashMap<>();
        final List<Integer> idsSeen = new ArrayList<>();
        long nowMs;

        Run(Random random) {
            this.random = random;
            for (String t : TOPICS) {
                for (int p = 0; p < PARTITIONS; p++) {
                    live.put(t + "-" + p, new Live(random.nextInt(5), 0, false, ErrorCode.NONE));
                }
            }
        }

        void go(int steps) {
            for (int i = 0; i < steps; i++) {
                nowMs += random.nextInt(100);
                int action = random.nextInt(100);
                if (action < 30) {
                    changeTheWorld();
                } else if (action < 50) {
                    fullFetch();
                } else {
                    incrementalFetch();
                }
            }
        }

        void changeTheWorld() {
            String key = randomKey();
            Live l = live.get(key);
            int what = random.nextInt(5);
            live.put(key, switch (what) {
                case 0 -> new Live(l.highWatermark() + 1 + random.nextInt(3), l.logStartOffset(), l.hasRecords(), l.error());
                case 1 -> new Live(l.highWatermark(), l.logStartOffset() + 1, l.hasRecords(), l.error());
                case 2 -> new Live(l.highWatermark(), l.logStartOffset(), !l.hasRecords(), l.error());
                case 3 -> new Live(l.highWatermark(), l.logStartOffset(), l.hasRecords(),
                        l.error() == ErrorCode.NONE ? ErrorCode.NOT_LEADER_OR_FOLLOWER : ErrorCode.NONE);
                default -> l;
            });
        }

        String randomKey() {
            return TOPICS[random.nextInt(TOPICS.length)] + "-" + random.nextInt(PARTITIONS);
        }

        int pickSessionId() {
            int r = random.nextInt(10);
            if (r == 0 || idsSeen.isEmpty()) {
                return r == 1 ? 12345 : 0;
            }
            // Mostly the latest sessions, which are the live ones.
            int i = idsSeen.size() - 1 - Math.min(idsSeen.size() - 1, random.nextInt(3));
            return idsSeen.get(i);
        }

        /** Random distinct partitions with random fetch offsets, as request partitions grouped by topic. */
        LinkedHashMap<String, Long> randomPartitions(int max) {
            LinkedHashMap<String, Long> out = new LinkedHashMap<>();
            int n = random.nextInt(max + 1);
            for (int i = 0; i < n; i++) {
                out.put(randomKey(), (long) random.nextInt(100));
            }
            return out;
        }

        void fullFetch() {
            int id = pickSessionId();
            int epoch = random.nextInt(3) == 0 ? FetchSessions.FINAL_EPOCH : FetchSessions.INITIAL_EPOCH;
            boolean ids = random.nextBoolean();
            LinkedHashMap<String, Long> parts = randomPartitions(5);
            FetchRequest request = request(id, epoch, ids, parts, List.of());
            Outcome o = exchange(request, ids);

            model.remove(id);
            assertThat(o.error()).isEqualTo(ErrorCode.NONE);
            assertThat(o.read()).as("a full fetch reads what it asks").isEqualTo(parts);
            assertThat(o.sent()).as("a full fetch sends everything read").isEqualTo(List.copyOf(parts.keySet()));
            if (epoch == FetchSessions.FINAL_EPOCH || parts.isEmpty()) {
                assertThat(o.sessionId()).isZero();
                return;
            }
            assertThat(o.sessionId()).isPositive().isNotIn(model.keySet());
            ModelSession s = new ModelSession();
            s.usesTopicIds = ids;
            parts.forEach((k, offset) -> {
                ModelPartition mp = new ModelPartition(offset);
                sent(mp, live.get(k));
                s.partitions.put(k, mp);
            });
            model.put(o.sessionId(), s);
            idsSeen.add(o.sessionId());
        }

        void incrementalFetch() {
            int id = pickSessionId();
            ModelSession s = model.get(id);
            int epoch = s != null && random.nextInt(8) != 0 ? s.epoch : 1 + random.nextInt(4);
            boolean ids = s != null && random.nextInt(10) != 0 ? s.usesTopicIds : random.nextBoolean();
            LinkedHashMap<String, Long> parts = randomPartitions(3);
            List<String> forgotten = new ArrayList<>();
            if (s != null && !s.partitions.isEmpty() && random.nextInt(3) == 0) {
                List<String> keys = List.copyOf(s.partitions.keySet());
                forgotten.add(keys.get(random.nextInt(keys.size())));
                if (random.nextInt(4) == 0) {
                    forgotten.addAll(keys);
                }
            }
            forgotten.removeAll(parts.keySet()); // a client never both sends and forgets a partition
            FetchRequest request = request(id, epoch, ids, parts, forgotten);
            Outcome o = exchange(request, ids);

            if (s == null) {
                assertThat(o.error()).isEqualTo(ErrorCode.FETCH_SESSION_ID_NOT_FOUND);
                return;
            }
            if (epoch != s.epoch) {
                assertThat(o.error()).isEqualTo(ErrorCode.INVALID_FETCH_SESSION_EPOCH);
                return;
            }
            if (ids != s.usesTopicIds) {
                assertThat(o.error()).isEqualTo(ErrorCode.FETCH_SESSION_TOPIC_ID_ERROR);
                return;
            }
            assertThat(o.error()).isEqualTo(ErrorCode.NONE);
            parts.forEach((k, offset) -> s.partitions.computeIfAbsent(k, x -> new ModelPartition(offset)).fetchOffset = offset);
            forgotten.forEach(s.partitions::remove);
            if (s.partitions.isEmpty()) {
                model.remove(id);
                assertThat(o.sessionId()).as("an emptied session closes").isZero();
                assertThat(o.sent()).isEmpty();
                return;
            }
            s.epoch = s.epoch == Integer.MAX_VALUE ? 1 : s.epoch + 1;
            LinkedHashMap<String, Long> expectRead = new LinkedHashMap<>();
            s.partitions.forEach((k, mp) -> expectRead.put(k, mp.fetchOffset));
            assertThat(o.read()).as("an incremental fetch reads the whole session, in session order").isEqualTo(expectRead);
            assertThat(List.copyOf(o.read().keySet())).isEqualTo(List.copyOf(expectRead.keySet()));
            List<String> expectSent = new ArrayList<>();
            for (String k : List.copyOf(s.partitions.keySet())) {
                ModelPartition mp = s.partitions.get(k);
                Live l = live.get(k);
                boolean must = l.hasRecords() || l.highWatermark() != mp.sentHighWatermark || l.logStartOffset() != mp.sentLogStart
                        || l.error() != ErrorCode.NONE;
                if (must) {
                    sent(mp, l);
                    expectSent.add(k);
                    s.partitions.remove(k);
                    s.partitions.put(k, mp);
                }
            }
            assertThat(o.sessionId()).isEqualTo(id);
            assertThat(o.sent()).as("only partitions with something new").isEqualTo(expectSent);
        }

        static void sent(ModelPartition mp, Live l) {
            mp.sentLogStart = l.logStartOffset();
            mp.sentHighWatermark = l.error() == ErrorCode.NONE ? l.highWatermark() : -1;
        }

        /** What the broker did: the error, what it read (key to fetch offset, in order), what it sent, the session id. */
        record Outcome(ErrorCode error, LinkedHashMap<String, Long> read, List<String> sent, int sessionId) {
        }

        Outcome exchange(FetchRequest request, boolean ids) {
            FetchContext ctx = sessions.open(request, ids, nowMs);
            LinkedHashMap<String, Long> read = new LinkedHashMap<>();
            FetchRequest toRead = ctx.toRead();
            List<FetchResponse.TopicResponse> topics = new ArrayList<>();
            for (FetchRequest.Topic t : toRead.topics()) {
                String name = ids ? nameOf(t.topicId()) : t.name();
                assertThat(ids ? t.name() : t.topicId()).as("a session keeps topics named one way").isIn(null, TopicId.ZERO);
                List<FetchResponse.PartitionResponse> parts = new ArrayList<>();
                for (FetchRequest.Partition p : t.partitions()) {
                    String key = name + "-" + p.partition();
                    assertThat(read.put(key, p.fetchOffset())).as("read once").isNull();
                    Live l = live.get(key);
                    RecordsSlice records = l.hasRecords() ? new RecordsSlice.Buffer(ByteBuffer.allocate(10)) : RecordsSlice.EMPTY;
                    parts.add(new FetchResponse.PartitionResponse(p.partition(), l.error(), l.highWatermark(), l.highWatermark(),
                            l.logStartOffset(), null, null, null, List.of(), -1, records));
                }
                topics.add(new FetchResponse.TopicResponse(t.name(), t.topicId(), parts));
            }
            FetchResponse response = ctx.respond(new FetchResponse(0, ErrorCode.NONE, 0, topics, List.of()));
            List<String> sent = new ArrayList<>();
            for (FetchResponse.TopicResponse t : response.topics()) {
                for (FetchResponse.PartitionResponse p : t.partitions()) {
                    sent.add((ids ? nameOf(t.topicId()) : t.name()) + "-" + p.partition());
                }
            }
            if (ctx instanceof FetchContext.SessionError) {
                assertThat(response.sessionId()).isZero();
                assertThat(response.topics()).isEmpty();
            }
            return new Outcome(response.error(), read, sent, response.sessionId());
        }

        static TopicId idOf(String topic) {
            return new TopicId(1, topic.charAt(0));
        }

        static String nameOf(TopicId id) {
            return String.valueOf((char) id.leastSignificantBits());
        }

        static FetchRequest request(int sessionId, int epoch, boolean ids, LinkedHashMap<String, Long> parts, List<String> forgotten) {
            List<FetchRequest.Topic> topics = new ArrayList<>();
            String current = null;
            List<FetchRequest.Partition> ps = null;
            for (Map.Entry<String, Long> e : parts.entrySet()) {
                String topic = e.getKey().substring(0, 1);
                int partition = Integer.parseInt(e.getKey().substring(2));
                if (!topic.equals(current)) {
                    if (ps != null) {
                        topics.add(topic(current, ids, ps));
                    }
                    current = topic;
                    ps = new ArrayList<>();
                }
                ps.add(new FetchRequest.Partition(partition, -1, e.getValue(), -1, -1, 1024));
            }
            if (ps != null) {
                topics.add(topic(current, ids, ps));
            }
            List<FetchRequest.ForgottenTopic> forgot = new ArrayList<>();
            for (String k : forgotten) {
                String topic = k.substring(0, 1);
                forgot.add(new FetchRequest.ForgottenTopic(ids ? null : topic, ids ? idOf(topic) : TopicId.ZERO,
                        List.of(Integer.parseInt(k.substring(2)))));
            }
            return new FetchRequest(-1, -1, 500, 1, 1 << 20, IsolationLevel.READ_UNCOMMITTED, sessionId, epoch, topics, forgot, "", null);
        }

        static FetchRequest.Topic topic(String name, boolean ids, List<FetchRequest.Partition> ps) {
            return new FetchRequest.Topic(ids ? null : name, ids ? idOf(name) : TopicId.ZERO, ps);
        }
    }
}
