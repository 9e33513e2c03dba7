package io.tributary.coordinator;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;
import io.tributary.coordinator.api.CoordinatorRequest;
import io.tributary.coordinator.api.CoordinatorResponse;
import io.tributary.coordinator.api.HeartbeatRequest;
import io.tributary.coordinator.api.HeartbeatResponse;
import io.tributary.coordinator.api.JoinGroupRequest;
import io.tributary.coordinator.api.JoinGroupResponse;
import io.tributary.coordinator.api.LeaveGroupRequest;
import io.tributary.coordinator.api.OffsetCommitRequest;
import io.tributary.coordinator.api.OffsetCommitResponse;
import io.tributary.coordinator.api.OffsetFetchRequest;
import io.tributary.coordinator.api.OffsetFetchResponse;
import io.tributary.coordinator.api.SyncGroupRequest;
import io.tributary.coordinator.api.SyncGroupResponse;
import io.tributary.coordinator.group.ClassicGroup;
import io.tributary.coordinator.group.ClassicGroupState;
import io.tributary.coordinator.record.CoordinatorRecord;
import io.tributary.coordinator.record.GroupMetadataRecord;
import io.tributary.coordinator.record.MemberValue;
import io.tributary.coordinator.record.OffsetCommitRecord;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random members join, sync, heartbeat, leave and commit while time passes, records commit at
 * random points, and the shard fails over at random points (the new leader keeps at least the
 * committed records, perhaps more, and a new shard loads them). After every step:
 * <ul>
 *   <li>no reply is released before the records it depends on commit: an acknowledged offset
 *       commit, and an acknowledged assignment, are in the committed log at release;</li>
 *   <li>at most one assignment per generation ever reaches members, and generations handed out
 *       with assignments never go backwards, across failovers too;</li>
 *   <li>after a rebuild, OffsetFetch returns exactly what the log says, so every acknowledged
 *       commit is fetched back unless a later record replaced it.</li>
 * </ul>
 * At the end, with everything committed and time passing, every request sent since the last
 * failover has been answered exactly once.
 */
class ShardFailoverProperties {

    enum Kind { STEP, JOIN, SYNC, HEARTBEAT, LEAVE, COMMIT, SIMPLE_COMMIT, FETCH, ADVANCE, COMMIT_LOG, FAILOVER }

    record Action(Kind kind, int member, int arg) {
    }

    private static final String GROUP = "g";
    private static final String SIMPLE = "s";
    private static final int MEMBERS = 3;
    private static final long[] ADVANCES_MS = {0, 100, 500, 1_000, 2_000, 11_000};

    @Provide
    Arbitrary<List<Action>> schedules() {
        Arbitrary<Kind> kinds = Arbitraries.frequencyOf(
                Tuple.of(16, Arbitraries.just(Kind.STEP)),
                Tuple.of(1, Arbitraries.just(Kind.JOIN)), Tuple.of(2, Arbitraries.just(Kind.SYNC)),
                Tuple.of(2, Arbitraries.just(Kind.HEARTBEAT)), Tuple.of(1, Arbitraries.just(Kind.LEAVE)),
                Tuple.of(4, Arbitraries.just(Kind.COMMIT)), Tuple.of(1, Arbitraries.just(Kind.SIMPLE_COMMIT)),
                Tuple.of(1, Arbitraries.just(Kind.FETCH)), Tuple.of(4, Arbitraries.just(Kind.ADVANCE)),
                Tuple.of(8, Arbitraries.just(Kind.COMMIT_LOG)), Tuple.of(1, Arbitraries.just(Kind.FAILOVER)));
        return Combinators.combine(kinds, Arbitraries.integers().between(0, MEMBERS - 1), Arbitraries.integers().between(0, 1000))
                .as(Action::new).list().ofMinSize(80).ofMaxSize(200);
    }

    /** What a member knows, as a client would. Even members are static. */
    private static final class Client {
        final String instanceId;
        String memberId = "";
        int generation = -1;
        boolean leader;
        boolean synced;
        long inFlight = -1;
        List<String> members = List.of();

        Client(int index) {
            this.instanceId = index % 2 == 0 ? "instance-" + index : null;
        }

        void reset() {
            memberId = "";
            generation = -1;
            leader = false;
            synced = false;
        }
    }

    private record Sent(int member, Kind kind, int generation, TopicPartition partition, long offset, String groupId,
                        String memberId) {
    }

    @Property(tries = 300, seed = "20261207")
    void committedStateSurvivesEveryFailover(@ForAll("schedules") List<Action> schedule) {
        Run run = new Run();
        run.play(schedule);
        // Coverage marks: the report shows how many schedules reached the paths that matter.
        Statistics.label("assignments acknowledged").collect(run.lastAssignedGeneration >= 0);
        Statistics.label("failover with a Stable group").collect(run.failoverWhileStable);
        Statistics.label("generation reached").collect(Math.min(run.lastAssignedGeneration, 5));
    }

    /** The simulation needs a shard to be a function of its inputs: the same schedule gives the same effects. */
    @Property(tries = 50, seed = "7")
    void theSameInputsGiveTheSameEffects(@ForAll("schedules") List<Action> schedule) {
        Run first = new Run();
        first.play(schedule);
        Run second = new Run();
        second.play(schedule);
        assertThat(second.d.log).isEqualTo(first.d.log);
        assertThat(fingerprint(second)).isEqualTo(fingerprint(first));
    }

    private static List<String> fingerprint(Run run) {
        return run.d.releaseLog.stream().map(r -> r.reply().requestId() + "@" + r.releaseAt() + ":"
                + r.reply().response().toString().replaceAll("\\[B@[0-9a-f]+", "bytes")).toList();
    }

    private static final class Run {
        final ShardDriver d = new ShardDriver(GroupCoordinatorConfig.defaults().withInitialRebalanceDelayMs(1_000), 7);
        final Client[] clients = new Client[MEMBERS];
        final Map<Long, Sent> sent = new HashMap<>();
        final Map<Integer, Map<String, byte[]>> assignmentsByGeneration = new HashMap<>();
        int lastAssignedGeneration = -1;
        boolean failoverWhileStable;
        int processed;
        long firstRequestSinceFailover = 1;
        long nextRequest = 1;

        Run() {
            d.autoCommit = false;
            for (int i = 0; i < MEMBERS; i++) {
                clients[i] = new Client(i);
            }
        }

        void play(List<Action> schedule) {
            for (Action a : schedule) {
                step(a);
                process();
                checkStableGenerationIsPersisted();
            }
            for (int i = 0; i < 40; i++) {
                d.commit(d.log.size());
                d.advance(31_000);
                d.commit(d.log.size());
                process();
            }
            for (long id = firstRequestSinceFailover; id < nextRequest; id++) {
                assertThat(d.answered(id)).as("request %d (%s) answered", id, sent.get(id)).isTrue();
            }
        }

        private long send(CoordinatorRequest request, Sent what) {
            long id = d.send(request);
            nextRequest = id + 1;
            sent.put(id, what);
            return id;
        }

        void step(Action a) {
            Client c = clients[a.member()];
            TopicPartition tp = new TopicPartition("topic", a.arg() % 3);
            Kind kind = a.kind();
            if (kind == Kind.STEP) {
                // What a well-behaved client does next: one request at a time, join, sync, then heartbeat or commit.
                if (c.inFlight >= 0 && !d.answered(c.inFlight)) {
                    return;
                }
                kind = c.generation < 0 ? Kind.JOIN : !c.synced ? Kind.SYNC : a.arg() % 3 == 0 ? Kind.COMMIT : Kind.HEARTBEAT;
            }
            switch (kind) {
                case STEP -> throw new IllegalStateException();
                case JOIN -> c.inFlight = send(new JoinGroupRequest(9, GROUP, c.memberId, c.instanceId, "consumer",
                                ShardDriver.protocols(a.arg() % 7 == 0 ? "roundrobin" : "range", "range"), 10_000, 30_000,
                                "client-" + a.member(), "/h"),
                        new Sent(a.member(), Kind.JOIN, -1, null, 0, GROUP, c.memberId));
                case SYNC -> {
                    if (c.generation >= 0) {
                        Map<String, byte[]> assignments = new HashMap<>();
                        if (c.leader) {
                            for (String m : c.members) {
                                assignments.put(m, (c.generation + ":" + m).getBytes(StandardCharsets.UTF_8));
                            }
                        }
                        c.inFlight = send(new SyncGroupRequest(GROUP, c.generation, c.memberId, c.instanceId, null, null, assignments),
                                new Sent(a.member(), Kind.SYNC, c.generation, null, 0, GROUP, c.memberId));
                    }
                }
                case HEARTBEAT -> {
                    if (!c.memberId.isEmpty()) {
                        send(new HeartbeatRequest(GROUP, c.generation, c.memberId, c.instanceId),
                                new Sent(a.member(), Kind.HEARTBEAT, c.generation, null, 0, GROUP, c.memberId));
                    }
                }
                case LEAVE -> {
                    if (!c.memberId.isEmpty()) {
                        send(new LeaveGroupRequest(GROUP, List.of(new LeaveGroupRequest.LeavingMember(c.memberId, c.instanceId))),
                                new Sent(a.member(), Kind.LEAVE, c.generation, null, 0, GROUP, c.memberId));
                        c.reset();
                    }
                }
                case COMMIT -> send(new OffsetCommitRequest(GROUP, c.generation, c.memberId, c.instanceId, -1,
                                List.of(new OffsetCommitRequest.PartitionCommit(tp, a.arg(), -1, null))),
                        new Sent(a.member(), Kind.COMMIT, c.generation, tp, a.arg(), GROUP, c.memberId));
                case SIMPLE_COMMIT -> send(new OffsetCommitRequest(SIMPLE, -1, "", null, -1,
                                List.of(new OffsetCommitRequest.PartitionCommit(tp, a.arg(), -1, null))),
                        new Sent(a.member(), Kind.SIMPLE_COMMIT, -1, tp, a.arg(), SIMPLE, ""));
                case FETCH -> send(new OffsetFetchRequest(a.arg() % 2 == 0 ? GROUP : SIMPLE, null, false),
                        new Sent(a.member(), Kind.FETCH, -1, null, 0, a.arg() % 2 == 0 ? GROUP : SIMPLE, ""));
                case ADVANCE -> d.advance(ADVANCES_MS[a.arg() % ADVANCES_MS.length]);
                case COMMIT_LOG -> d.commit(d.highWatermark + 1 + a.arg() % Math.max(1, d.log.size() - d.highWatermark));
                case FAILOVER -> {
                    process();
                    failoverWhileStable |= d.shard.group(GROUP) instanceof ClassicGroup g && g.isInState(ClassicGroupState.STABLE);
                    d.failover(d.highWatermark + a.arg() % (d.log.size() - d.highWatermark + 1));
                    for (Client client : clients) {
                        client.inFlight = -1;
                    }
                    firstRequestSinceFailover = nextRequest;
                    checkOffsetsMatchTheLog();
                }
            }
        }

        /** Acts on the replies released since the last call, as clients would, checking each against the log. */
        void process() {
            while (processed < d.releaseLog.size()) {
                ShardDriver.ReleasedReply released = d.releaseLog.get(processed++);
                Sent what = sent.get(released.reply().requestId());
                CoordinatorResponse response = released.reply().response();
                List<CoordinatorRecord> committed = d.log.subList(0, (int) released.highWatermark());
                Client c = clients[what.member()];
                if (response instanceof JoinGroupResponse r) {
                    onJoin(c, r);
                } else if (response instanceof SyncGroupResponse r) {
                    onSync(c, what, r, committed);
                } else if (response instanceof HeartbeatResponse r) {
                    onError(c, r.error());
                } else if (response instanceof OffsetCommitResponse r && r.partitions().get(0).error() == ErrorCode.NONE) {
                    assertThat(committed).as("an acknowledged commit is in the committed log").anySatisfy(rec ->
                            assertThat(rec instanceof OffsetCommitRecord o && o.groupId().equals(what.groupId())
                                    && o.partition().equals(what.partition()) && o.value() != null
                                    && o.value().offset() == what.offset()).isTrue());
                }
            }
        }

        void onJoin(Client c, JoinGroupResponse r) {
            switch (r.error()) {
                case NONE -> {
                    c.memberId = r.memberId();
                    c.synced = false;
                    c.generation = r.generationId();
                    c.leader = r.memberId().equals(r.leaderId());
                    c.members = r.members().stream().map(JoinGroupResponse.JoinedMember::memberId).toList();
                }
                case MEMBER_ID_REQUIRED -> c.memberId = r.memberId();
                default -> onError(c, r.error());
            }
        }

        void onSync(Client c, Sent what, SyncGroupResponse r, List<CoordinatorRecord> committed) {
            if (r.error() != ErrorCode.NONE) {
                onError(c, r.error());
                return;
            }
            int generation = what.generation();
            c.synced = c.generation == generation;
            assertThat(generation).as("assignments are handed out in non-decreasing generations")
                    .isGreaterThanOrEqualTo(lastAssignedGeneration);
            lastAssignedGeneration = generation;
            String memberId = what.memberId();
            Map<String, byte[]> known = assignmentsByGeneration.computeIfAbsent(generation, g -> new HashMap<>());
            byte[] previous = known.putIfAbsent(memberId, r.assignment());
            if (previous != null) {
                assertThat(r.assignment()).as("one assignment per member per generation").isEqualTo(previous);
            }
            boolean persisted = false;
            for (CoordinatorRecord rec : committed) {
                if (rec instanceof GroupMetadataRecord g && g.value() != null && g.value().generationId() == generation) {
                    for (MemberValue m : g.value().members()) {
                        persisted |= m.memberId().equals(memberId) && Arrays.equals(m.assignment(), r.assignment());
                    }
                }
            }
            assertThat(persisted).as("the assignment of generation %d for %s was committed before the answer", generation,
                    memberId).isTrue();
        }

        void onError(Client c, ErrorCode error) {
            switch (error) {
                case UNKNOWN_MEMBER_ID, FENCED_INSTANCE_ID -> c.reset();
                case ILLEGAL_GENERATION, REBALANCE_IN_PROGRESS -> {
                    c.generation = -1;
                    c.synced = false;
                }
                default -> {
                }
            }
        }

        /** A Stable group's generation is the one its last record persisted. */
        void checkStableGenerationIsPersisted() {
            if (d.shard.group(GROUP) instanceof ClassicGroup g && g.isInState(ClassicGroupState.STABLE)) {
                GroupMetadataRecord last = null;
                for (CoordinatorRecord rec : d.log) {
                    if (rec instanceof GroupMetadataRecord gr && gr.groupId().equals(GROUP)) {
                        last = gr;
                    }
                }
                assertThat(last).isNotNull();
                assertThat(last.value().generationId()).isEqualTo(g.generationId());
            }
        }

        /** After a rebuild, the shard's offsets are exactly the log's. */
        void checkOffsetsMatchTheLog() {
            Map<String, Map<TopicPartition, Long>> model = new HashMap<>();
            for (CoordinatorRecord rec : d.log) {
                if (rec instanceof OffsetCommitRecord o) {
                    Map<TopicPartition, Long> offsets = model.computeIfAbsent(o.groupId(), g -> new TreeMap<>());
                    if (o.value() == null) {
                        offsets.remove(o.partition());
                    } else {
                        offsets.put(o.partition(), o.value().offset());
                    }
                }
            }
            for (String group : List.of(GROUP, SIMPLE)) {
                long id = d.send(new OffsetFetchRequest(group, null, false));
                nextRequest = id + 1;
                sent.put(id, new Sent(0, Kind.FETCH, -1, null, 0, group, ""));
                OffsetFetchResponse r = d.reply(id);
                Map<TopicPartition, Long> fetched = new TreeMap<>();
                r.partitions().forEach(p -> fetched.put(p.partition(), p.offset()));
                assertThat(fetched).isEqualTo(model.getOrDefault(group, Map.of()));
            }
        }
    }
}
