package io.tributary.quorum;

import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.StateMachineLogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The apply path without a Ratis server: decoding, fencing, delivery, replies. */
class QuorumStateMachineTest {

    private final RecordingListener listener = new RecordingListener();
    private final QuorumStateMachine sm = new QuorumStateMachine(1, QuorumVoters.parse("1@localhost:9093"), listener, t -> { });

    @AfterEach
    void close() {
        sm.dispatcher().close();
        assertThat(listener.violations()).isEmpty();
    }

    private EntryCodec.Reply apply(long index, long term, byte[] logData) throws Exception {
        LogEntryProto entry = LogEntryProto.newBuilder().setIndex(index).setTerm(term)
                .setStateMachineLogEntry(StateMachineLogEntryProto.newBuilder().setLogData(ByteString.copyFrom(logData)))
                .build();
        TransactionContext trx = TransactionContext.newBuilder().setStateMachine(sm).setServerRole(RaftPeerRole.FOLLOWER)
                .setLogEntry(entry).build();
        Message reply = sm.applyTransaction(trx).get(5, TimeUnit.SECONDS);
        return EntryCodec.decodeReply(reply.getContent().toByteArray());
    }

    private static byte[] entry(long fenceTerm, String payload) {
        return EntryCodec.encodeEntry(fenceTerm, payload.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void appliesUnfencedAndRightlyFencedEntriesAndSkipsAStaleFence() throws Exception {
        assertThat(apply(1, 3, entry(EntryCodec.NO_FENCE, "a"))).isEqualTo(new EntryCodec.Reply(EntryCodec.Outcome.APPLIED, 1, 3));
        assertThat(apply(2, 3, entry(3, "b"))).isEqualTo(new EntryCodec.Reply(EntryCodec.Outcome.APPLIED, 2, 3));
        // Fenced to term 3 but logged in term 4: a new leadership began in between; every replica skips it.
        assertThat(apply(3, 4, entry(3, "stale"))).isEqualTo(new EntryCodec.Reply(EntryCodec.Outcome.FENCED, 3, 4));
        assertThat(apply(4, 4, entry(4, "c"))).isEqualTo(new EntryCodec.Reply(EntryCodec.Outcome.APPLIED, 4, 4));
        assertThat(listener.state()).containsExactly("a", "b", "c");
        assertThat(sm.getLastAppliedTermIndex().getIndex()).isEqualTo(4);
    }

    @Test
    void aMalformedEntryIsSkippedWithoutReachingTheListener() throws Exception {
        LogEntryProto entry = LogEntryProto.newBuilder().setIndex(1).setTerm(1)
                .setStateMachineLogEntry(StateMachineLogEntryProto.newBuilder().setLogData(ByteString.copyFrom(new byte[] {9, 9})))
                .build();
        TransactionContext trx = TransactionContext.newBuilder().setStateMachine(sm).setServerRole(RaftPeerRole.FOLLOWER)
                .setLogEntry(entry).build();
        assertThat(sm.applyTransaction(trx)).isCompletedExceptionally();
        assertThat(apply(2, 1, entry(EntryCodec.NO_FENCE, "next"))).extracting(EntryCodec.Reply::outcome)
                .isEqualTo(EntryCodec.Outcome.APPLIED);
        assertThat(listener.state()).containsExactly("next");
    }
}
