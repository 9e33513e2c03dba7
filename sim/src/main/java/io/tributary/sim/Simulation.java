package io.tributary.sim;

import io.tributary.metadata.controller.api.CreateTopicsResponse;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One deterministic schedule: a controller, 3 to 5 brokers, producers and a consumer, in one
 * thread, driven by one seed. The loop pops the earliest event, hands it to its node (the real
 * cores inside), and checks the invariants after every event; faults run for the fault period,
 * then everything heals and the cluster is given time to settle before the final checks.
 *
 * <p>Nothing here reads the wall clock, starts a thread, or iterates a hash-ordered collection;
 * all randomness comes from one {@link SplittableRandom}, so the same {@link SimConfig} gives the
 * same history, event for event (see {@link SimResult#traceHash()}).
 */
final class Simulation {

    static final String TOPIC = SimTopics.DATA;
    static final int CONTROLLER = 100;
    static final int PRODUCER_BASE = 200;
    static final int CONSUMER_BASE = 300;
    static final int GROUP_BASE = 400;
    static final int SIM_NODE = 999;
    private static final int MAX_PENDING_EVENTS = 200_000;
    private static final int TRACE_EVENTS = 200;

    final SimConfig config;
    final SimTopics topics;
    final SplittableRandom random;
    final Coverage coverage = new Coverage();
    final Checker checker;
    final Network network;
    final SimController controller;
    final SimBroker[] brokers;
    private final SimProducer[] producers;
    private final SimConsumer[] consumers;
    /** Group clients: one per group, each joining its group or committing without joining. */
    final List<SimGroupMember> groupMembers = new ArrayList<>();
    /** The records of {@code __consumer_offsets} batches, by payload id. */
    final CoordinatorPayloads coordinatorPayloads = new CoordinatorPayloads();
    private final FaultInjector faults;
    /** The operator moving replicas (AlterPartitionReassignments), at the profile's rate or never. */
    final SimReassigner reassigner;
    private final EventQueue queue = new EventQueue(MAX_PENDING_EVENTS);
    private final Trace trace = new Trace(TRACE_EVENTS);
    private final long[] pausedUntilMs;
    /** The topic's {@code unclean.leader.election.enable}: true for one seed in five. */
    final boolean uncleanLeaderElection;
    private MetadataImage committedImage = MetadataImage.EMPTY;
    private long nextId;
    private boolean topicCreated;

    Simulation(SimConfig config) {
        this(config, true);
    }

    /**
     * @param groups whether the schedule has {@code __consumer_offsets}, its coordinators and group
     *               clients; without them a seed replays the schedule it had before they existed
     *               ({@code KnownSeedsTest} pins such schedules)
     */
    Simulation(SimConfig config, boolean groups) {
        this(config, groups, groups);
    }

    /**
     * @param groups        as above
     * @param reassignments whether an operator moves replicas at the profile's rate; without it, as
     *                      without groups, a seed replays the schedule it had before they existed
     */
    Simulation(SimConfig config, boolean groups, boolean reassignments) {
        this.config = config;
        this.random = new SplittableRandom(config.seed());
        // Drawn apart from the schedule's random, as the unclean-election switch below.
        SplittableRandom groupDraws = new SplittableRandom(config.seed() ^ 0x6C0FF5E7L);
        this.topics = new SimTopics(config.partitions(), groups ? 1 + groupDraws.nextInt(2) : 0);
        this.checker = new Checker(this, topics.count());
        this.network = new Network(this, random.split(), config.faults(), config.brokers());
        this.controller = new SimController(this);
        this.brokers = new SimBroker[config.brokers()];
        for (int b = 0; b < brokers.length; b++) {
            brokers[b] = new SimBroker(this, b);
        }
        this.producers = new SimProducer[config.producers()];
        for (int i = 0; i < producers.length; i++) {
            short acks = config.acksMix().drawAcks(random);
            boolean idempotent = acks == -1 && random.nextBoolean();
            producers[i] = new SimProducer(this, PRODUCER_BASE + i, acks, idempotent);
        }
        this.consumers = new SimConsumer[config.consumers()];
        for (int i = 0; i < consumers.length; i++) {
            consumers[i] = new SimConsumer(this, CONSUMER_BASE + i);
        }
        int groupCount = groups ? 1 + groupDraws.nextInt(3) : 0;
        for (int g = 0; g < groupCount; g++) {
            groupMembers.add(new SimGroupMember(this, GROUP_BASE + g, "group-" + g, groupDraws.nextBoolean(),
                    20 + groupDraws.nextInt(100)));
        }
        this.faults = new FaultInjector(this, random.split(), config.faults());
        // Drawn apart from the schedule's random, so that a seed that moves nothing keeps its schedule.
        this.reassigner = new SimReassigner(this, new SplittableRandom(config.seed() ^ 0x4EA5516L),
                reassignments ? config.faults().reassignmentsPerSecond() : 0);
        this.pausedUntilMs = new long[brokers.length + 1];
        // Drawn apart from the schedule's random, so that the other seeds keep their schedules.
        this.uncleanLeaderElection = new SplittableRandom(config.seed() ^ 0x0C1EA4E1L).nextInt(5) == 0;
    }

    /** Runs the schedule to the end; throws {@link SimulationFailure} when an invariant breaks. */
    SimResult run() {
        long endMs = config.faultPeriodMs() + config.settleMs();
        try {
            controller.start(0);
            for (SimBroker b : brokers) {
                b.start(random.nextInt(20));
            }
            queue.schedule(300, SIM_NODE, -1, new Timer(Timer.Kind.CREATE_TOPIC, -1, 0));
            queue.schedule(1_000, SIM_NODE, -1, new Timer(Timer.Kind.FAULT_TICK, -1, 0));
            queue.schedule(config.faultPeriodMs(), SIM_NODE, -1, new Fault(Fault.Kind.HEAL_ALL, -1, 0));
            for (SimProducer p : producers) {
                p.start(500);
            }
            for (SimConsumer c : consumers) {
                c.start(500);
            }
            for (SimGroupMember m : groupMembers) {
                m.start(500);
            }
            Event e;
            while (queue.peekTimeMs() <= endMs && (e = queue.poll()) != null) {
                trace.record(e);
                dispatch(e);
                checker.afterEvent();
            }
            checker.finalCheck();
        } catch (RuntimeException | AssertionError failure) {
            throw new SimulationFailure(config, failure, trace.lastEvents(), queue.nowMs(), describeState());
        }
        return new SimResult(config, coverage, trace.hash(), trace.eventCount());
    }

    // ------------------------------------------------------------------ what nodes use

    long nowMs() {
        return queue.nowMs();
    }

    long faultPeriodEndMs() {
        return config.faultPeriodMs();
    }

    long nextId() {
        return ++nextId;
    }

    MetadataImage committedImage() {
        return committedImage;
    }

    void send(int from, int to, Message m) {
        network.send(from, to, m);
    }

    void deliverAt(long atMs, int to, int from, Message m) {
        queue.schedule(atMs, to, from, m);
    }

    void schedule(long atMs, int nodeId, Timer t) {
        queue.schedule(atMs, nodeId, -1, t);
    }

    void fault(long atMs, Fault f) {
        queue.schedule(atMs, SIM_NODE, -1, f);
    }

    /**
     * What a client learns from a Metadata request to a random running broker: the leader it believes
     * in for the partition of that index (see {@link SimTopics}), or -1.
     */
    int leaderHint(int index) {
        int start = random.nextInt(brokers.length);
        for (int i = 0; i < brokers.length; i++) {
            SimBroker b = brokers[(start + i) % brokers.length];
            if (b.up) {
                PartitionRegistration reg = topics.registration(b.image, index);
                if (reg != null) {
                    return reg.leader();
                }
            }
        }
        return -1;
    }

    void onMetadataCommitted(Message.MetadataBatch batch) {
        MetadataDelta delta = new MetadataDelta(committedImage);
        delta.replayAll(batch.records());
        MetadataImage next = delta.apply(batch.offset());
        // The checker sees the state after every record, not only after the batch: one batch may
        // elect a leader and then fence its broker (a fencing that takes the last ISR member and
        // elects uncleanly, say), and an election no image of the batch's end shows still counts.
        MetadataImage step = committedImage;
        for (int i = 0; i < batch.records().size() - 1; i++) {
            MetadataDelta stepDelta = new MetadataDelta(step);
            stepDelta.replay(batch.records().get(i));
            step = stepDelta.applyUncommitted();
            checker.onMetadataCommitted(step, next);
        }
        committedImage = next;
        trace.mix(batch.offset());
        checker.onMetadataCommitted(committedImage, committedImage);
        checker.coordinator.onShardChanged();
    }

    static String nodeName(int nodeId) {
        if (nodeId < 0) {
            return "-";
        }
        if (nodeId == CONTROLLER) {
            return "controller";
        }
        if (nodeId == SIM_NODE) {
            return "sim";
        }
        if (nodeId >= GROUP_BASE) {
            return "group-client" + (nodeId - GROUP_BASE);
        }
        if (nodeId >= CONSUMER_BASE) {
            return "consumer" + (nodeId - CONSUMER_BASE);
        }
        if (nodeId >= PRODUCER_BASE) {
            return "producer" + (nodeId - PRODUCER_BASE);
        }
        return "b" + nodeId;
    }

    // ------------------------------------------------------------------ the loop

    private int pauseIndex(int nodeId) {
        if (nodeId >= 0 && nodeId < brokers.length) {
            return nodeId;
        }
        return nodeId == CONTROLLER ? brokers.length : -1;
    }

    private void dispatch(Event e) {
        long now = e.timeMs();
        int node = e.nodeId();
        if (node == SIM_NODE) {
            onHarnessEvent(e.payload(), now);
            return;
        }
        int pi = pauseIndex(node);
        if (pi >= 0 && pausedUntilMs[pi] > now) {
            queue.schedule(pausedUntilMs[pi], node, e.fromId(), e.payload());
            if (e.payload() instanceof Message) {
                network.onHeld(e.fromId(), node, pausedUntilMs[pi]);
            }
            return;
        }
        if (e.payload() instanceof Message && network.isCut(e.fromId(), node)) {
            return;   // in flight when the link was cut
        }
        if (node == CONTROLLER) {
            if (!controller.isUp()) {
                return;
            }
            if (e.payload() instanceof Timer t) {
                controller.onTimer(t, now);
            } else {
                controller.onMessage(e.fromId(), (Message) e.payload(), now);
            }
        } else if (node < brokers.length) {
            SimBroker b = brokers[node];
            if (!b.up) {
                return;
            }
            if (e.payload() instanceof Timer t) {
                b.onTimer(t, now);
            } else {
                b.onMessage(e.fromId(), (Message) e.payload(), now);
            }
        } else if (node >= GROUP_BASE) {
            SimGroupMember m = groupMembers.get(node - GROUP_BASE);
            if (e.payload() instanceof Timer t) {
                m.onTimer(t, now);
            } else if (e.payload() instanceof Message.GroupReply r) {
                m.onReply(r, now);
            }
        } else if (node >= CONSUMER_BASE) {
            SimConsumer c = consumers[node - CONSUMER_BASE];
            if (e.payload() instanceof Timer t) {
                c.onTimer(t, now);
            } else if (e.payload() instanceof Message.ConsumerFetchReply r) {
                c.onReply(r);
            }
        } else {
            SimProducer p = producers[node - PRODUCER_BASE];
            if (e.payload() instanceof Timer t) {
                p.onTimer(t, now);
            } else if (e.payload() instanceof Message.ProduceReply r) {
                p.onReply(r, now);
            }
        }
    }

    private void onHarnessEvent(Object payload, long now) {
        if (payload instanceof Timer t) {
            if (t.kind() == Timer.Kind.CREATE_TOPIC) {
                createTopic(now);
            } else if (t.kind() == Timer.Kind.FAULT_TICK && now < config.faultPeriodMs()) {
                faults.tick(now);
                reassigner.tick(now);
                queue.schedule(now + FaultInjector.TICK_MS, SIM_NODE, -1, t);
            }
            return;
        }
        Fault f = (Fault) payload;
        switch (f.kind()) {
            case CRASH -> crash(f.target(), now);
            case RESTART -> restart(f.target(), now);
            case PAUSE -> {
                int pi = pauseIndex(f.target());
                pausedUntilMs[pi] = Math.max(pausedUntilMs[pi], now + f.group());
                coverage.hit(Coverage.Mark.BROKER_PAUSED);
                checker.coordinator.onBrokerStopped(f.target());
            }
            case SHUTDOWN -> {
                SimBroker b = brokers[f.target()];
                if (b.up && b.brokerEpoch >= 0 && !b.shuttingDown) {
                    b.shuttingDown = true;
                    b.ledWhenShutdownBegan = !ledBy(b.id).isEmpty();
                }
            }
            case ALTER_MIN_ISR -> {
                if (controller.isUp() && topicCreated) {
                    controller.setMinInsyncReplicas(Math.min((int) f.group(), fewestDataReplicas()), now);
                }
            }
            case PREFERRED_ELECTION -> {
                if (controller.isUp()) {
                    controller.electPreferredLeaders(now);
                }
            }
            case PARTITION -> network.split(f.group(), f.target());
            case HEAL -> network.healAll();
            case HEAL_ALL -> {
                network.calm();
                java.util.Arrays.fill(pausedUntilMs, 0);
                if (!controller.isUp()) {
                    controller.start(now);
                }
                for (SimBroker b : brokers) {
                    if (!b.up) {
                        b.start(now);
                    }
                }
            }
        }
    }

    /**
     * Creates the data topic, then {@code __consumer_offsets} (as the first FindCoordinator would in
     * Kafka): the same replication factor and min.insync.replicas, never unclean elections (Kafka's
     * default), and replicated by the same code as the data.
     */
    private void createTopic(long now) {
        if (!controller.isUp()) {
            queue.schedule(now + 100, SIM_NODE, -1, new Timer(Timer.Kind.CREATE_TOPIC, -1, 0));
            return;
        }
        if (!topicCreated) {
            CreateTopicsResponse r = controller.createTopic(TOPIC, config.partitions(), config.replicationFactor(),
                    config.minInsyncReplicas(), uncleanLeaderElection, now);
            topicCreated = r.topics().get(0).error().isSuccess();
        }
        boolean offsetsMissing = topics.offsetsPartitions() > 0 && committedImage.topic(SimTopics.OFFSETS) == null;
        if (topicCreated && offsetsMissing) {
            controller.createTopic(SimTopics.OFFSETS, topics.offsetsPartitions(), config.replicationFactor(),
                    config.minInsyncReplicas(), false, now);
            offsetsMissing = committedImage.topic(SimTopics.OFFSETS) == null;
        }
        if (!topicCreated || offsetsMissing) {
            queue.schedule(now + 100, SIM_NODE, -1, new Timer(Timer.Kind.CREATE_TOPIC, -1, 0));
        }
    }

    private void crash(int target, long now) {
        if (target == CONTROLLER) {
            if (controller.isUp() && reassigner.moving(-1)) {
                coverage.hit(Coverage.Mark.REASSIGNMENT_INTERRUPTED);
            }
            controller.crash();
            return;
        }
        SimBroker b = brokers[target];
        if (!b.up) {
            return;
        }
        if (reassigner.moving(target)) {
            coverage.hit(Coverage.Mark.REASSIGNMENT_INTERRUPTED);
        }
        long[] endsBefore = checker.logEndsBefore(b);
        String before = Checker.DEBUG_EPOCHS ? b.replicas.values().toString() : "";
        if (Checker.DEBUG_EPOCHS) {
            for (Replica r : b.replicas.values()) {
                if (r.log.epochCacheMismatch() != null) {
                    throw new InvariantViolation("DEBUG epoch cache before crash", r + ": " + r.log.epochCacheMismatch());
                }
            }
        }
        long epoch = b.brokerEpoch;
        checker.coordinator.onBrokerStopped(target);
        if (b.crash() > 0) {
            coverage.hit(Coverage.Mark.CRASH_LOST_UNFLUSHED_TAIL);
        }
        checker.afterCrash(b, endsBefore);
        if (Checker.DEBUG_EPOCHS) {
            for (Replica r : b.replicas.values()) {
                if (r.log.epochCacheMismatch() != null) {
                    throw new InvariantViolation("DEBUG epoch cache after crash", r + ": " + r.log.epochCacheMismatch() + " BEFORE " + before);
                }
            }
        }
        if (epoch >= 0 && !network.isCut(target, CONTROLLER)) {
            // The controller sees the connection close (it gets no heartbeat stream's goodbye).
            queue.schedule(now + 1 + random.nextInt(5), CONTROLLER, target, new Message.ConnectionClosed(target, epoch));
        }
    }

    /**
     * A broker finished its controlled shutdown: it stops with everything flushed, and starts again
     * a little later. The controller said so only once the broker led nothing: every leadership
     * moved (or, without another live replica, the partition was left leaderless) before it stops.
     */
    void stoppedCleanly(SimBroker b, long now) {
        coverage.hit(Coverage.Mark.CONTROLLED_SHUTDOWN_COMPLETED);
        List<Integer> stillLed = ledBy(b.id);
        if (!stillLed.isEmpty()) {
            throw new InvariantViolation("a controlled shutdown moves every leadership before the broker stops", "b" + b.id
                    + " was told to shut down while the controller still names it leader of partitions " + stillLed);
        }
        if (b.ledWhenShutdownBegan) {
            coverage.hit(Coverage.Mark.CONTROLLED_SHUTDOWN_MOVED_LEADERSHIP);
        }
        b.stopCleanly();
        queue.schedule(now + 50 + random.nextInt(1_000), SIM_NODE, -1, new Fault(Fault.Kind.RESTART, b.id, 0));
    }

    /**
     * The fewest replicas (or target replicas, while moving) of any data partition: an operator sets
     * min.insync.replicas no higher, or every acks=all write would be refused and the high
     * watermark held (KIP-966) until replicas were added. Moves can shrink the replication factor.
     */
    private int fewestDataReplicas() {
        int fewest = Integer.MAX_VALUE;
        for (int i = 0; i < topics.count(); i++) {
            PartitionRegistration reg = topics.registration(committedImage, i);
            if (reg != null && !topics.isOffsets(i)) {
                fewest = Math.min(fewest, Math.min(reg.replicas().size(), reg.targetReplicas().size()));
            }
        }
        return fewest;
    }

    /** The partitions the controller's committed image names {@code brokerId} leader of. */
    private List<Integer> ledBy(int brokerId) {
        List<Integer> led = new ArrayList<>();
        for (int i = 0; i < topics.count(); i++) {
            PartitionRegistration reg = topics.registration(committedImage, i);
            if (reg != null && reg.leader() == brokerId) {
                led.add(i);
            }
        }
        return led;
    }

    private void restart(int target, long now) {
        if (target == CONTROLLER) {
            if (!controller.isUp()) {
                controller.start(now);
            }
        } else if (!brokers[target].up) {
            brokers[target].start(now);
        }
    }

    private String describeState() {
        StringBuilder sb = new StringBuilder();
        sb.append("unclean.leader.election.enable=").append(uncleanLeaderElection).append('\n');
        sb.append("controller ").append(controller.isUp() ? "up" : "DOWN").append(", committed metadata offset ")
                .append(committedImage.lastAppliedOffset()).append('\n');
        for (int p = 0; p < topics.count(); p++) {
            PartitionRegistration reg = topics.registration(committedImage, p);
            if (reg != null) {
                sb.append("  partition ").append(p).append(": ").append(reg).append(", committed history to ")
                        .append(checker.history(p).committedEnd()).append(", max HW ").append(checker.history(p).maxHighWatermark)
                        .append(checker.history(p).lossExcused ? " (excused loss)" : "").append('\n');
            }
        }
        sb.append("---- committed metadata (brokers, configs and partitions) ----\n");
        for (Message.MetadataBatch batch : controller.log()) {
            for (var record : batch.records()) {
                String text = record.toString();
                if (!text.startsWith("ClusterId") && !text.startsWith("Topic")) {
                    sb.append("  @").append(batch.offset()).append(' ')
                            .append(text.replaceAll("topicId=[^,]*, |incarnationId=[^,]*, |endpoints=\\[.*?\\]\\], |rack=null, ", ""))
                            .append('\n');
                }
            }
        }
        for (SimBroker b : brokers) {
            sb.append(b).append('\n');
            for (Replica r : b.replicas.values()) {
                sb.append("  ").append(r).append(r.coordinatorRole != null ? ", " + r.coordinatorRole : "").append('\n');
            }
        }
        for (SimConsumer c : consumers) {
            sb.append(c).append('\n');
        }
        for (SimGroupMember m : groupMembers) {
            sb.append(m).append('\n');
        }
        return sb.toString();
    }
}
