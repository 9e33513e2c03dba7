package io.tributary.broker.handler.fetch.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.common.records.RecordsSlice;
import io.tributary.wire.api.IsolationLevel;
import io.tributary.wire.api.fetch.FetchRequest;
import io.tributary.wire.api.fetch.FetchResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FetchSessionTest {

    @Test
    void epochsWrapToOneNeverToTheFullFetchEpochs() {
        assertThat(FetchSession.nextEpoch(1)).isEqualTo(2);
        assertThat(FetchSession.nextEpoch(Integer.MAX_VALUE)).isEqualTo(1);
    }

    @Test
    void aPartitionSentInAnIncrementalResponseGoesToTheBackSoTheOthersGetTheirTurn() {
        FetchSessions sessions = new FetchSessions(new FetchSessionCache(10, 60_000, new SplittableRandom(3)));
        FetchRequest full = request(0, 0, List.of(topic(0, 1, 2)));
        FetchContext first = sessions.open(full, false, 0);
        int id = first.respond(read(first.toRead(), -1)).sessionId();
        assertThat(id).isPositive();

        // Partition 0 has new records; 1 and 2 are quiet: only 0 is sent, and it moves behind them.
        FetchContext second = sessions.open(request(id, 1, List.of()), false, 1);
        assertThat(partitions(second.toRead())).containsExactly(0, 1, 2);
        FetchResponse r = second.respond(read(second.toRead(), 0));
        assertThat(r.sessionId()).isEqualTo(id);
        assertThat(r.topics()).hasSize(1);
        assertThat(r.topics().get(0).partitions()).extracting(FetchResponse.PartitionResponse::partition).containsExactly(0);

        FetchContext third = sessions.open(request(id, 2, List.of()), false, 2);
        assertThat(partitions(third.toRead())).containsExactly(1, 2, 0);
    }

    private static FetchRequest.Topic topic(int... partitions) {
        List<FetchRequest.Partition> ps = Arrays.stream(partitions)
                .mapToObj(p -> new FetchRequest.Partition(p, -1, 0, -1, -1, 1024)).toList();
        return new FetchRequest.Topic("t", TopicId.ZERO, ps);
    }

    private static FetchRequest request(int sessionId, int epoch, List<FetchRequest.Topic> topics) {
        return new FetchRequest(-1, -1, 500, 1, 1 << 20, IsolationLevel.READ_UNCOMMITTED, sessionId, epoch, topics, List.of(), "", null);
    }

    /** What reading finds: high watermark 5 everywhere, and records in {@code withRecords} (-1: none). */
    private static FetchResponse read(FetchRequest toRead, int withRecords) {
        return new FetchResponse(0, ErrorCode.NONE, 0, toRead.topics().stream().map(t -> new FetchResponse.TopicResponse(t.name(),
                t.topicId(), t.partitions().stream().map(p -> new FetchResponse.PartitionResponse(p.partition(), ErrorCode.NONE, 5, 5, 0,
                        null, null, null, List.of(), -1, p.partition() == withRecords ? new RecordsSlice.Buffer(ByteBuffer.allocate(8))
                                : RecordsSlice.EMPTY)).toList())).toList(), List.of());
    }

    private static List<Integer> partitions(FetchRequest r) {
        return r.topics().stream().flatMap(t -> t.partitions().stream()).map(FetchRequest.Partition::partition).toList();
    }
}
