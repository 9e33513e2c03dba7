package io.tributary.quorum;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The rule that keeps a voter whose disk was wiped from voting twice in one term (see
 * docs/design/quorum.md): a node whose Raft storage holds no vote record waits
 * {@link QuorumConfig#wipedStorageWaitMs()} before its Raft server starts. An empty directory looks
 * the same whether the node is new or was wiped, so every node with empty storage waits.
 *
 * <p>Ratis keeps the current term and the vote in {@code <dataDir>/<groupId>/current/raft-meta},
 * written before any vote is granted; its absence means this node remembers no vote.
 */
final class WipedStorageRule {

    private static final Logger LOG = LoggerFactory.getLogger(WipedStorageRule.class);

    private WipedStorageRule() {
    }

    /** The file whose presence shows that this node's storage remembers its term and vote. */
    static Path voteRecord(Path dataDir, UUID groupId) {
        return dataDir.resolve(groupId.toString()).resolve("current").resolve("raft-meta");
    }

    /** How long to wait before starting, in ms: 0 when the storage remembers its vote. */
    static long waitMs(QuorumConfig config) {
        return Files.exists(voteRecord(config.dataDir(), config.groupId())) ? 0 : config.wipedStorageWaitMs();
    }

    /** Waits as the rule says, logging one line when it applies; returns the ms it waited. */
    static long await(QuorumConfig config) throws InterruptedException {
        long waitMs = waitMs(config);
        if (waitMs == 0) {
            return 0;
        }
        LOG.info("Node {} has no Raft vote record in {} (new or wiped storage); waiting {} ms (2 x the maximum "
                        + "election timeout) before joining the quorum, so it cannot vote twice in a term it may have "
                        + "voted in before", config.nodeId(), config.dataDir(), waitMs);
        long deadlineNs = System.nanoTime() + waitMs * 1_000_000L;
        // The wait is the rule itself, not a stand-in for a condition; measure it with the
        // monotonic clock so a wall-clock jump cannot shorten it.
        for (long leftNs; (leftNs = deadlineNs - System.nanoTime()) > 0; ) {
            Thread.sleep(Math.max(1, leftNs / 1_000_000L));
        }
        return waitMs;
    }
}
