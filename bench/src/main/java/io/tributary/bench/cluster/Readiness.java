package io.tributary.bench.cluster;

import io.tributary.bench.node.ClusterMember;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until a cluster does what a user starting it waits for: every client port accepts, the admin
 * client lists every broker (both systems list only unfenced brokers), and a CreateTopics is
 * accepted. Polls every {@value #POLL_MS} ms, which bounds the resolution of the startup figures.
 */
public final class Readiness {

    static final long POLL_MS = 10;
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);

    private Readiness() {
    }

    /** Returns once {@code members} are all listed as brokers and a topic was created; throws past {@code deadlineNs}. */
    public static void await(List<ClusterMember> members, long deadlineNs) throws Exception {
        for (ClusterMember member : members) {
            awaitPort(member, deadlineNs);
        }
        try (Admin admin = BenchCluster.admin(BenchCluster.clientAddresses(members), ATTEMPT_TIMEOUT)) {
            awaitBrokers(admin, members, deadlineNs);
            String topic = "bench-ready-" + UUID.randomUUID();
            while (true) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all()
                            .get(ATTEMPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException) {
                        return; // an earlier attempt was accepted after its answer timed out
                    }
                    failPast(deadlineNs, "no CreateTopics accepted", e);
                } catch (TimeoutException e) {
                    failPast(deadlineNs, "no CreateTopics accepted", e);
                }
                pause();
            }
        }
    }

    /** Waits until the admin client lists exactly as many brokers as {@code members} holds. */
    public static void awaitBrokers(Admin admin, List<ClusterMember> members, long deadlineNs) throws Exception {
        while (true) {
            try {
                int listed = admin.describeCluster().nodes().get(ATTEMPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
                if (listed == members.size()) {
                    return;
                }
                failPast(deadlineNs, listed + " of " + members.size() + " brokers listed", null);
            } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
                failPast(deadlineNs, "no DescribeCluster answer", e);
            }
            pause();
        }
    }

    public static void awaitPort(ClusterMember member, long deadlineNs) throws Exception {
        while (true) {
            if (!member.isAlive()) {
                throw new IOException(member.kind().displayName() + " node " + member.nodeId() + " exited while starting:\n"
                        + member.logTail(30));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", member.layout().clientPort()), 500);
                return;
            } catch (IOException notYet) {
                failPast(deadlineNs, "node " + member.nodeId() + " does not listen on " + member.layout().clientAddress(), notYet);
            }
            pause();
        }
    }

    private static void failPast(long deadlineNs, String what, Exception cause) throws TimeoutException {
        if (System.nanoTime() - deadlineNs > 0) {
            TimeoutException timeout = new TimeoutException(what + " before the deadline");
            if (cause != null) {
                timeout.initCause(cause);
            }
            throw timeout;
        }
    }

    /** The pause between polls: a wait for a state with no notification, bounded and short. */
    static void pause() {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MS));
    }
}
