package io.tributary.bench.cluster;

import io.tributary.bench.SystemKind;
import io.tributary.bench.node.ClusterMember;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Controller takeover: SIGKILL of the active controller's process, then, measured from just before the
 * kill, concurrently:
 * <ul>
 *   <li>when the quorum names a survivor as active controller: DescribeCluster with the controllers
 *       endpoint type (KIP-919) to the survivors' CONTROLLER listeners, every {@value #POLL_MS} ms;</li>
 *   <li>(Tributary only) when every surviving broker's DescribeCluster on its client listener names that
 *       node: Tributary tells clients the active controller; Kafka tells them a random live broker,
 *       so the row has no Kafka figure;</li>
 *   <li>when the first CreateTopics through the admin client, bootstrapped at the survivors and
 *       connected before the kill, is acknowledged; each attempt has {@value #ATTEMPT_MS} ms and a
 *       fresh topic name, and the next starts at once.</li>
 * </ul>
 */
public final class TakeoverMeasurement {

    static final long POLL_MS = 2;
    static final long ATTEMPT_MS = 2_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    /** The figures of one takeover, in milliseconds; {@code brokersMs} is empty for Kafka. */
    record Result(int killed, int successor, double quorumMs, OptionalDouble brokersMs, double createMs) {
    }

    private TakeoverMeasurement() {
    }

    static Result measure(BenchCluster cluster, String topicPrefix) throws Exception {
        long deadlineNs = System.nanoTime() + TIMEOUT.toNanos();
        int active = awaitActiveController(cluster.running(), Set.of(), deadlineNs);
        ClusterMember victim = cluster.member(active);
        List<ClusterMember> survivors = cluster.running().stream().filter(m -> m != victim).toList();
        Set<Integer> survivorIds = survivors.stream().map(ClusterMember::nodeId).collect(Collectors.toSet());
        try (Admin admin = BenchCluster.admin(BenchCluster.clientAddresses(survivors), Duration.ofMillis(ATTEMPT_MS))) {
            admin.describeCluster().nodes().get(10, TimeUnit.SECONDS); // connected, as a running application would be

            long killNs = System.nanoTime();
            victim.kill();
            long deadline = killNs + TIMEOUT.toNanos();
            CompletableFuture<long[]> quorum = CompletableFuture.supplyAsync(() -> {
                try {
                    long[] found = new long[2];
                    found[1] = awaitActiveController(survivors, survivorIds, deadline);
                    found[0] = System.nanoTime();
                    return found;
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            CompletableFuture<Long> brokers = cluster.system() != SystemKind.TRIBUTARY ? CompletableFuture.completedFuture(-1L)
                    : quorum.thenApplyAsync(found -> {
                        try {
                            return awaitBrokersName(survivors, (int) found[1], deadline);
                        } catch (Exception e) {
                            throw new java.util.concurrent.CompletionException(e);
                        }
                    });
            long createdNs = awaitTopicCreated(admin, topicPrefix, deadline);
            long[] named = quorum.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            long brokersNs = brokers.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new Result(active, (int) named[1], PropagationMeasurement.ms(named[0] - killNs),
                    brokersNs < 0 ? OptionalDouble.empty() : OptionalDouble.of(PropagationMeasurement.ms(brokersNs - killNs)),
                    PropagationMeasurement.ms(createdNs - killNs));
        }
    }

    /**
     * The active controller once every member of {@code askable} that answers names the same one, and it
     * is in {@code acceptable} (any, when empty). Each member is asked on its CONTROLLER listener.
     */
    public static int awaitActiveController(List<ClusterMember> askable, Set<Integer> acceptable, long deadlineNs) throws Exception {
        Map<Integer, ProbeConnection> connections = new HashMap<>();
        try {
            while (System.nanoTime() - deadlineNs < 0) {
                int agreed = -1;
                boolean disagree = false;
                for (ClusterMember member : askable) {
                    int id = controllerIdOf(connections, member);
                    if (id < 0 || (agreed >= 0 && id != agreed)) {
                        disagree = true;
                        break;
                    }
                    agreed = id;
                }
                if (!disagree && agreed >= 0 && (acceptable.isEmpty() || acceptable.contains(agreed))) {
                    return agreed;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MS));
            }
            throw new IllegalStateException("no active controller named by " + askable.stream().map(ClusterMember::nodeId).toList()
                    + " within " + TIMEOUT.toSeconds() + " s");
        } finally {
            connections.values().forEach(ProbeConnection::close);
        }
    }

    private static int controllerIdOf(Map<Integer, ProbeConnection> connections, ClusterMember member) {
        try {
            ProbeConnection connection = connections.get(member.nodeId());
            if (connection == null) {
                connection = ProbeConnection.open(member.layout().controllerAddress(), PROBE_TIMEOUT);
                connections.put(member.nodeId(), connection);
            }
            var answer = connection.describeCluster(ProbeConnection.ENDPOINT_CONTROLLERS);
            return answer.errorCode() == 0 ? answer.controllerId() : -1;
        } catch (IOException | RuntimeException e) {
            ProbeConnection broken = connections.remove(member.nodeId());
            if (broken != null) {
                broken.close();
            }
            return -1;
        }
    }

    /** When every broker in {@code survivors} tells clients (DescribeCluster on its client listener) that {@code controller} is the controller. */
    private static long awaitBrokersName(List<ClusterMember> survivors, int controller, long deadlineNs) throws Exception {
        while (System.nanoTime() - deadlineNs < 0) {
            boolean all = true;
            for (ClusterMember member : survivors) {
                try (ProbeConnection connection = ProbeConnection.open(member.layout().clientAddress(), PROBE_TIMEOUT)) {
                    if (connection.describeCluster(ProbeConnection.ENDPOINT_BROKERS).controllerId() != controller) {
                        all = false;
                        break;
                    }
                } catch (IOException e) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return System.nanoTime();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MS));
        }
        throw new IllegalStateException("the survivors did not all name controller " + controller + " within " + TIMEOUT.toSeconds() + " s");
    }

    private static long awaitTopicCreated(Admin admin, String prefix, long deadlineNs) {
        Exception last = null;
        for (int attempt = 1; System.nanoTime() - deadlineNs < 0; attempt++) {
            try {
                admin.createTopics(List.of(new NewTopic(prefix + "-" + attempt, 1, (short) 1))).all()
                        .get(ATTEMPT_MS, TimeUnit.MILLISECONDS);
                return System.nanoTime();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (Exception e) {
                last = e; // NOT_CONTROLLER, a timeout, a refused connection: the survivors are still electing
            }
        }
        throw new IllegalStateException("no CreateTopics acknowledged within " + TIMEOUT.toSeconds() + " s", last);
    }
}
