package io.tributary.metadata.log;

import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.ClusterIdRecord;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.NoOpRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryMetadataLogTest {

    /** Records every event as text, in order. */
    static final class Recorder implements MetadataLog.Listener {
        final List<String> events = new ArrayList<>();

        @Override
        public void onCommit(long offset, List<MetadataRecord> records) {
            events.add("commit " + offset + " " + records.size());
        }

        @Override
        public void onBecomeActive(long epoch) {
            events.add("active " + epoch);
        }

        @Override
        public void onResign() {
            events.add("resign");
        }

        @Override
        public void onSnapshotLoaded(MetadataImage image) {
            events.add("snapshot " + image.lastAppliedOffset());
        }
    }

    @Test
    void onlyTheLeaderInItsEpochMayAppend() {
        InMemoryMetadataLog log = new InMemoryMetadataLog();
        CompletableFuture<Long> notLeader = log.append(List.of(new NoOpRecord()));
        assertThatThrownBy(notLeader::join).hasCauseInstanceOf(NotControllerException.class);
        long epoch = log.becomeLeader();
        assertThatThrownBy(() -> log.append(epoch + 1, List.of(new NoOpRecord())).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(NotControllerException.class);
        assertThatThrownBy(() -> log.append(epoch, List.of()).join()).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(log.append(epoch, List.of(new NoOpRecord()))).isNotDone();
    }

    @Test
    void commitsAreDeliveredInOrderBeforeTheFutureCompletes() {
        InMemoryMetadataLog log = new InMemoryMetadataLog();
        Recorder r = new Recorder();
        log.register(r);
        long epoch = log.becomeLeader();
        CompletableFuture<Long> a = log.append(epoch, List.of(new NoOpRecord()));
        CompletableFuture<Long> b = log.append(epoch, List.of(new NoOpRecord(), new NoOpRecord()));
        assertThat(log.commitNext()).isTrue();
        assertThat(a).isCompletedWithValue(0L);
        assertThat(b).isNotDone();
        assertThat(log.commitAll()).isEqualTo(1);
        assertThat(b).isCompletedWithValue(1L);
        assertThat(r.events).containsExactly("active 1", "commit 0 1", "commit 1 2");
        assertThat(log.lastCommittedOffset()).isEqualTo(1);
    }

    @Test
    void resigningFailsWhatIsUncommitted() {
        InMemoryMetadataLog log = new InMemoryMetadataLog();
        Recorder r = new Recorder();
        log.register(r);
        long epoch = log.becomeLeader();
        CompletableFuture<Long> a = log.append(epoch, List.of(new NoOpRecord()));
        log.resign();
        assertThat(a).isCompletedExceptionally();
        assertThat(log.commitAll()).isZero();
        assertThat(r.events).containsExactly("active 1", "resign");
        assertThatThrownBy(log::resign).isInstanceOf(IllegalStateException.class);
        assertThat(log.becomeLeader()).isEqualTo(2);
        assertThatThrownBy(log::becomeLeader).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void failedAppendsNeverCommit() {
        InMemoryMetadataLog log = new InMemoryMetadataLog();
        long epoch = log.becomeLeader();
        CompletableFuture<Long> a = log.append(epoch, List.of(new NoOpRecord()));
        log.failUncommitted(new RuntimeException("boom"));
        assertThatThrownBy(a::join).hasMessageContaining("boom");
        assertThat(log.commitAll()).isZero();
        assertThat(log.uncommittedBatches()).isZero();
    }

    @Test
    void aLateListenerGetsTheSnapshotThenTheRest() {
        InMemoryMetadataLog log = new InMemoryMetadataLog().autoCommit(true);
        long epoch = log.becomeLeader();
        log.append(epoch, List.of(new ClusterIdRecord("c1"))).join();
        log.append(epoch, List.of(new NoOpRecord())).join();
        MetadataDelta delta = new MetadataDelta(MetadataImage.EMPTY);
        delta.replay(new ClusterIdRecord("c1"));
        MetadataImage snapshot = delta.apply(0);
        log.takeSnapshot(snapshot);
        assertThat(log.committedBatches()).hasSize(1);
        Recorder r = new Recorder();
        log.register(r);
        assertThat(r.events).containsExactly("snapshot 0", "commit 1 1", "active 1");
        MetadataImage bogus = new MetadataDelta(MetadataImage.EMPTY).apply(7);
        assertThatThrownBy(() -> log.takeSnapshot(bogus)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void uncommittedBatchesAreBounded() {
        InMemoryMetadataLog log = new InMemoryMetadataLog(2);
        long epoch = log.becomeLeader();
        log.append(epoch, List.of(new NoOpRecord()));
        log.append(epoch, List.of(new NoOpRecord()));
        assertThatThrownBy(() -> log.append(epoch, List.of(new NoOpRecord())).join()).hasMessageContaining("too many uncommitted");
    }
}
