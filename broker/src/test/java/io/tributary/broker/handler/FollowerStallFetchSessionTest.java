package io.tributary.broker.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.handler.fetch.FetchHandler;
import io.tributary.broker.handler.fetch.session.FetchSessionCache;
import io.tributary.broker.handler.fetch.session.FetchSessions;
import io.tributary.broker.network.ConnectionInfo;
import io.tributary.broker.partition.Partition;
import io.tributary.broker.purgatory.Purgatory;
import io.tributary.common.ErrorCode;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.replication.partition.IsrProposal;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.api.IsolationLevel;
import io.tributary.wire.api.fetch.FetchCodec;
import io.tributary.wire.api.fetch.FetchRequest;
import io.tributary.wire.api.fetch.FetchResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stall rule ({@code replica.fetch.stall.max.ms}) and incremental fetch sessions (KIP-227): a
 * follower leaves a partition out of an incremental fetch when its fetch state did not change, yet
 * that request still fetches it (the session holds it). The leader must count it as fetched, or a
 * follower whose quiet partition's records did not fit in a response would look stalled.
 */
class FollowerStallFetchSessionTest {

    private static final short VERSION = 12;   // topics by name
    private static final long LAG_MAX_MS = 30_000;
    private static final long STALL_MAX_MS = 500;

    @TempDir
    Path dir;
    HostedPartitions hosted;
    ScheduledExecutorService timer;
    FetchHandler handler;
    /** The fetch handler's clock, set by the test: far ahead of the wall clock the appends are timed by. */
    final AtomicLong fetchNowMs = new AtomicLong();

    @BeforeEach
    void setUp() throws Exception {
        hosted = new HostedPartitions(dir);
        timer = Executors.newSingleThreadScheduledExecutor();
        Time clock = new Time() {
            @Override
            public long milliseconds() {
                return fetchNowMs.get();
            }

            @Override
            public long nanoseconds() {
                return System.nanoTime();
            }
        };
        handler = new FetchHandler(hosted.metadata(), hosted.replicas(), new Purgatory<TopicPartition>("fetch", 100, timer),
                1 << 20, clock, new FetchSessions(new FetchSessionCache(10, 60_000, new SplittableRandom(5))));
    }

    @AfterEach
    void tearDown() {
        hosted.close();
        timer.shutdownNow();
    }

    private FetchResponse fetch(int sessionId, int sessionEpoch, List<FetchRequest.Topic> topics) {
        RequestContext ctx = new RequestContext(new RequestHeader(FetchCodec.API_KEY, VERSION, 1, "follower-2"),
                new ConnectionInfo(1, "PLAINTEXT", null), 0, System.nanoTime());
        FetchRequest r = new FetchRequest(HostedPartitions.OTHER, 12, 0, 1, 1 << 20, IsolationLevel.READ_UNCOMMITTED, sessionId,
                sessionEpoch, topics, List.of(), "", null);
        return handler.handle(ctx, r).join();
    }

    private static FetchRequest.Topic topic(String name, long fetchOffset) {
        return new FetchRequest.Topic(name, null, List.of(new FetchRequest.Partition(0, 0, fetchOffset, -1, 0, 1 << 20)));
    }

    @Test
    void aPartitionLeftOutOfAnIncrementalFetchCountsAsFetched() {
        hosted.createTopic("quiet", List.of(HostedPartitions.LOCAL, HostedPartitions.OTHER));
        hosted.createTopic("busy", List.of(HostedPartitions.LOCAL, HostedPartitions.OTHER));
        Partition quiet = hosted.partition("quiet");
        long startMs = System.currentTimeMillis() + 60_000;

        fetchNowMs.set(startMs);
        FetchResponse full = fetch(0, 0, List.of(topic("quiet", 0), topic("busy", 0)));
        assertThat(full.error()).isEqualTo(ErrorCode.NONE);
        assertThat(full.sessionId()).as("the leader keeps a session").isPositive();

        // Records reach "quiet" (timed by the wall clock, a minute before the fetches below). The follower's
        // next fetch names only "busy": its state for "quiet" did not change, so the session supplies it.
        hosted.append("quiet", 1);
        hosted.append("busy", 1);
        fetchNowMs.set(startMs + 1_000);
        assertThat(fetch(full.sessionId(), 1, List.of(topic("busy", 1))).error()).isEqualTo(ErrorCode.NONE);

        quiet.maybeShrinkIsr(startMs + 1_000 + STALL_MAX_MS, LAG_MAX_MS, STALL_MAX_MS);
        assertThat(quiet.pendingProposal(0)).as("the incremental fetch fetched \"quiet\" at %d", startMs + 1_000).isEmpty();

        // Silence from then on does count: the clock started at that fetch, not at the append.
        quiet.maybeShrinkIsr(startMs + 1_000 + STALL_MAX_MS + 1, LAG_MAX_MS, STALL_MAX_MS);
        assertThat(quiet.pendingProposal(0)).hasValueSatisfying(p -> {
            assertThat(p.rules()).containsExactly(IsrProposal.Rule.STALLED);
            assertThat(p.changedReplicas()).containsExactly(HostedPartitions.OTHER);
        });
    }
}
