package io.tributary.bench.groups;

import io.tributary.bench.cluster.BenchCluster;
import io.tributary.bench.node.ClusterMember;
import io.tributary.bench.replication.IsrSnapshot;
import io.tributary.bench.replication.IsrWatch;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * How long a new coordinator takes to load a large partition of {@value GroupAdmin#OFFSETS_TOPIC}.
 *
 * <p>{@link #fill} (once per cluster): one partition, whose preferred replica is not the active
 * controller, is filled with offset commits until it holds the target size: {@value #GROUPS} empty
 * groups that hash to it take turns committing every partition of {@value #FILL_TOPIC} with
 * {@value #METADATA_CHARS} characters of metadata (below offset.metadata.max.bytes, 4096 in both), through
 * {@code alterConsumerGroupOffsets}, {@value #IN_FLIGHT_MAX} at a time. The same few keys are committed
 * over and over, as a busy group does, so the coordinator's state stays small while the log grows; the
 * topic's min.compaction.lag.ms is set to an hour first, so the cleaner does not shrink the partition
 * before it is measured (a busy cluster whose cleaner is behind). The size is that of the leader's
 * segment files on disk.
 *
 * <p>{@link #measure} (every run): when the preferred replica leads the partition, it is restarted
 * (SIGTERM hands its leaderships away) and awaited back in sync; once the current leader answers
 * OffsetFetch for the probe group, an ElectLeaders (preferred) moves the leadership to the preferred
 * replica, which must replay the whole partition. Timed from the ElectLeaders request until an
 * OffsetFetch of the probe group answers with its offsets, the coordinator confirmed by
 * describeConsumerGroups to be the new leader (an answer while it still names the old one does not count).
 */
final class OffsetsLoad {

    static final String FILL_TOPIC = "offsets-fill";
    static final int FILL_PARTITIONS = 32;
    static final int METADATA_CHARS = 4_000;
    static final int GROUPS = 8;
    static final int IN_FLIGHT_MAX = 8;
    static final String COMPACTION_LAG_MS = Long.toString(TimeUnit.HOURS.toMillis(1));
    /** The partition's size is read after every this many commits (about 6 MiB). */
    private static final int SIZE_CHECK_EVERY = 48;
    private static final Duration FILL_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration ATTEMPT = Duration.ofSeconds(10);
    private static final int RESTARTS_MAX = 3;

    /** The filled partition: its number, the groups in it (the first is the probe), its size, and how the fill went. */
    record Fill(int partition, List<String> groups, long bytes, long commits, double seconds) {
    }

    /**
     * @param restarts how often the preferred replica was restarted to move the leadership off it first
     * @param electMs  until ElectLeaders answered
     * @param loadMs   until the first OffsetFetch answered with the offsets
     */
    record Result(int fromLeader, int toLeader, int restarts, long bytes, double electMs, double loadMs) {
    }

    private final BenchCluster cluster;
    private final Admin admin;

    OffsetsLoad(BenchCluster cluster, Admin admin) {
        this.cluster = cluster;
        this.admin = admin;
    }

    Fill fill(long targetBytes, int controller) throws Exception {
        long startNs = System.nanoTime();
        admin.createTopics(List.of(new NewTopic(FILL_TOPIC, FILL_PARTITIONS, (short) 1))).all().get(GroupAdmin.TIMEOUT_S, TimeUnit.SECONDS);
        ConfigResource offsetsTopic = new ConfigResource(ConfigResource.Type.TOPIC, GroupAdmin.OFFSETS_TOPIC);
        admin.incrementalAlterConfigs(Map.of(offsetsTopic, List.of(new AlterConfigOp(
                new ConfigEntry("min.compaction.lag.ms", COMPACTION_LAG_MS), AlterConfigOp.OpType.SET))))
                .all().get(GroupAdmin.TIMEOUT_S, TimeUnit.SECONDS);
        Map<Integer, TopicPartitionInfo> layout = GroupAdmin.offsetsPartitions(admin);
        int partition = layout.values().stream().filter(p -> !p.replicas().isEmpty() && p.replicas().get(0).id() != controller)
                .mapToInt(TopicPartitionInfo::partition).findFirst()
                .orElseThrow(() -> new IllegalStateException("every partition of " + GroupAdmin.OFFSETS_TOPIC + " prefers the controller"));
        List<String> groups = GroupChoice.groupsIn("bench-offsets", partition, layout.size(), GROUPS);
        TopicPartition target = new TopicPartition(GroupAdmin.OFFSETS_TOPIC, partition);
        String metadata = "m".repeat(METADATA_CHARS);
        Semaphore inFlight = new Semaphore(IN_FLIGHT_MAX);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long deadlineNs = startNs + FILL_TIMEOUT.toNanos();
        long bytes = 0;
        long commits = 0;
        while (true) {
            if (failure.get() != null) {
                throw new IllegalStateException("an offset commit failed after " + commits + " commits", failure.get());
            }
            if (commits % SIZE_CHECK_EVERY == 0) {
                int leader = GroupAdmin.offsetsPartitions(admin).get(partition).leader().id();
                bytes = partitionBytes(leader, target).orElseThrow(() -> new IllegalStateException(
                        "node " + leader + " has no directory for " + target));
                if (bytes >= targetBytes) {
                    break;
                }
            }
            if (System.nanoTime() - deadlineNs > 0) {
                throw new TimeoutException(target + " held " + bytes + " bytes after " + commits + " commits in "
                        + FILL_TIMEOUT.toMinutes() + " min, short of " + targetBytes);
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (int p = 0; p < FILL_PARTITIONS; p++) {
                offsets.put(new TopicPartition(FILL_TOPIC, p), new OffsetAndMetadata(commits, metadata));
            }
            inFlight.acquire();
            admin.alterConsumerGroupOffsets(groups.get((int) (commits % GROUPS)), offsets).all().whenComplete((ignored, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
                inFlight.release();
            });
            commits++;
        }
        if (!inFlight.tryAcquire(IN_FLIGHT_MAX, ATTEMPT.toMillis() * 3, TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("the last offset commits of the fill did not complete");
        }
        return new Fill(partition, groups, bytes, commits, (System.nanoTime() - startNs) / 1e9);
    }

    Result measure(Fill fill) throws Exception {
        TopicPartition target = new TopicPartition(GroupAdmin.OFFSETS_TOPIC, fill.partition());
        String probe = fill.groups().get(0);
        TopicPartitionInfo info = GroupAdmin.offsetsPartitions(admin).get(fill.partition());
        int preferred = info.replicas().get(0).id();
        int restarts = 0;
        for (; info.leader() == null || info.leader().id() == preferred; restarts++) {
            if (restarts == RESTARTS_MAX) {
                throw new IllegalStateException(target + " is still led by its preferred replica " + preferred + " after "
                        + RESTARTS_MAX + " restarts of it");
            }
            restart(cluster.member(preferred));
            info = GroupAdmin.offsetsPartitions(admin).get(fill.partition());
        }
        int fromLeader = info.leader().id();
        awaitOffsets(probe, System.nanoTime() + LOAD_TIMEOUT.toNanos());

        long electNs = System.nanoTime();
        Optional<Throwable> refused = admin.electLeaders(ElectionType.PREFERRED, Set.of(target)).partitions()
                .get(GroupAdmin.TIMEOUT_S, TimeUnit.SECONDS).get(target);
        long electedNs = System.nanoTime();
        if (refused != null && refused.isPresent()) {
            throw new IllegalStateException("ElectLeaders for " + target + " refused", refused.get());
        }
        long loadedNs;
        while (true) {
            loadedNs = awaitOffsets(probe, electNs + LOAD_TIMEOUT.toNanos());
            // The old leader answers until it learns of the election (on a loaded machine, seconds): such an answer
            // says nothing of the new coordinator's load, so wait for one that the new coordinator gives.
            int coordinator = GroupAdmin.describe(admin, probe).coordinator().id();
            if (coordinator == preferred) {
                break;
            }
            if (System.nanoTime() - (electNs + LOAD_TIMEOUT.toNanos()) > 0) {
                throw new IllegalStateException("after the election " + probe + " is coordinated by " + coordinator
                        + ", not the elected preferred replica " + preferred);
            }
        }
        long bytes = partitionBytes(preferred, target).orElse(fill.bytes());
        return new Result(fromLeader, preferred, restarts, bytes, Members.ms(electedNs - electNs), Members.ms(loadedNs - electNs));
    }

    /** SIGTERM (a controlled shutdown moves its leaderships away), relaunch, and wait until every offsets replica is in sync. */
    private void restart(ClusterMember member) throws Exception {
        long deadlineNs = System.nanoTime() + RESTART_TIMEOUT.toNanos();
        member.terminate();
        if (!member.awaitExit(RESTART_TIMEOUT)) {
            throw new TimeoutException("node " + member.nodeId() + " did not exit within " + RESTART_TIMEOUT.toSeconds() + " s of SIGTERM");
        }
        member.launch();
        IsrWatch.await(admin, List.of(GroupAdmin.OFFSETS_TOPIC), IsrSnapshot::fullyInSync,
                "node " + member.nodeId() + " back in every ISR of " + GroupAdmin.OFFSETS_TOPIC, deadlineNs);
    }

    /**
     * Returns when an OffsetFetch of {@code groupId} answered with every partition of the fill and its
     * metadata; the admin client retries COORDINATOR_LOAD_IN_PROGRESS and NOT_COORDINATOR itself (every
     * 10 to 50 ms), and an attempt that ends in an error or a timeout is simply made again.
     */
    private long awaitOffsets(String groupId, long deadlineNs) throws TimeoutException {
        Exception last = null;
        while (System.nanoTime() - deadlineNs < 0) {
            try {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                        .get(ATTEMPT.toMillis(), TimeUnit.MILLISECONDS);
                long seenNs = System.nanoTime();
                if (offsets.size() == FILL_PARTITIONS && offsets.values().stream()
                        .allMatch(o -> o != null && o.metadata().length() == METADATA_CHARS)) {
                    return seenNs;
                }
                last = new IllegalStateException("OffsetFetch answered " + offsets.size() + " partitions");
            } catch (Exception e) {
                last = e;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        TimeoutException timeout = new TimeoutException("no OffsetFetch of " + groupId + " answered with its offsets in time");
        timeout.initCause(last);
        throw timeout;
    }

    /**
     * The size of {@code partition}'s replica on {@code brokerId}: its segment files ({@code *.log}) in the
     * node's data directory, {@code <log.dirs>/<topic>-<partition>/}, which is where both systems keep
     * them. Read from disk rather than through describeLogDirs so that it needs nothing of the broker
     * (Tributary does not serve DescribeLogDirs); it counts the same bytes. Empty when the directory is absent.
     */
    private OptionalLong partitionBytes(int brokerId, TopicPartition partition) throws IOException {
        Path directory = cluster.member(brokerId).layout().dataDirectory().resolve(partition.topic() + "-" + partition.partition());
        if (!Files.isDirectory(directory)) {
            return OptionalLong.empty();
        }
        try (Stream<Path> files = Files.list(directory)) {
            long bytes = 0;
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                bytes += Files.size(file);
            }
            return OptionalLong.of(bytes);
        }
    }
}
