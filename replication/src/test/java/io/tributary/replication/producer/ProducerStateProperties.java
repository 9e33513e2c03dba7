package io.tributary.replication.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariant 5 of the design: with idempotence a retried batch is written once and its retry gets
 * the original offset. A simulated producer sends batches, retries recent ones at random (as a
 * client does after a lost response), and occasionally bumps its epoch; the table must never let
 * a batch in twice and must answer every retry of a recent batch with the offsets it first got.
 */
class ProducerStateProperties {

    record Sent(long pid, short epoch, int firstSeq, int lastSeq, long firstOffset, long lastOffset) {
    }

    @Property(tries = 300)
    void retriesAreNeverWrittenTwice(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int producers) {
        Random random = new Random(seed);
        ProducerStateTable table = new ProducerStateTable();
        Map<Long, List<Sent>> history = new HashMap<>();
        Map<Long, Short> epochs = new HashMap<>();
        Map<Long, Integer> nextSeq = new HashMap<>();
        long logEnd = 0;
        int written = 0;
        int expectedWritten = 0;
        for (int step = 0; step < 200; step++) {
            long pid = random.nextInt(producers);
            short epoch = epochs.getOrDefault(pid, (short) 0);
            List<Sent> sent = history.computeIfAbsent(pid, p -> new ArrayList<>());
            int action = random.nextInt(10);
            if (action < 3 && !sent.isEmpty()) {
                // Retry one of the last five batches of the current epoch.
                List<Sent> recent = sent.subList(Math.max(0, sent.size() - 5), sent.size());
                Sent retry = recent.get(random.nextInt(recent.size()));
                ProducerStateTable.AppendPlan plan = table.plan();
                ProducerCheck check = plan.check(pid, retry.epoch, retry.firstSeq, retry.lastSeq);
                assertThat(check).isEqualTo(new ProducerCheck.Duplicate(retry.firstOffset, retry.lastOffset, retry.firstOffset));
                continue;
            }
            if (action == 3) {
                epoch++;
                epochs.put(pid, epoch);
                nextSeq.put(pid, 0);
                sent.clear();
            }
            int count = 1 + random.nextInt(5);
            int firstSeq = nextSeq.getOrDefault(pid, 0);
            int lastSeq = firstSeq + count - 1;
            boolean gap = action == 4 && table.entry(pid) != null;
            if (gap) {
                firstSeq += 1 + random.nextInt(3);
                lastSeq = firstSeq + count - 1;
            }
            ProducerStateTable.AppendPlan plan = table.plan();
            ProducerCheck check = plan.check(pid, epoch, firstSeq, lastSeq);
            if (gap) {
                assertThat(check).isInstanceOf(ProducerCheck.Reject.class);
                continue;
            }
            assertThat(check).isEqualTo(ProducerCheck.ACCEPT);
            plan.record(0, logEnd, logEnd + count - 1, logEnd);
            plan.commit();
            sent.add(new Sent(pid, epoch, firstSeq, lastSeq, logEnd, logEnd + count - 1));
            nextSeq.put(pid, lastSeq + 1);
            logEnd += count;
            written += count;
            expectedWritten += count;
        }
        assertThat(written).isEqualTo(expectedWritten).isEqualTo(logEnd);

        // A snapshot carries the whole state: the restored table answers retries the same way.
        ProducerStateTable restored = new ProducerStateTable();
        restored.restore(ProducerSnapshotCodec.decode(ProducerSnapshotCodec.encode(table)));
        for (List<Sent> sent : history.values()) {
            for (Sent s : sent.subList(Math.max(0, sent.size() - 5), sent.size())) {
                assertThat(restored.plan().check(s.pid, s.epoch, s.firstSeq, s.lastSeq))
                        .isEqualTo(new ProducerCheck.Duplicate(s.firstOffset, s.lastOffset, s.firstOffset));
            }
        }
    }

    @Property(tries = 300)
    void aSnapshotWithAnyByteChangedIsRefusedOrDecodesToValidState(@ForAll long seed) {
        Random random = new Random(seed);
        ProducerStateTable table = new ProducerStateTable();
        long offset = 0;
        for (int i = 0; i < 1 + random.nextInt(20); i++) {
            long pid = random.nextInt(5);
            ProducerEntry e = table.entry(pid);
            int seq = e == null ? 0 : e.lastSeq() + 1;
            table.replay(pid, (short) 0, seq, seq, offset, offset, offset);
            offset++;
        }
        byte[] bytes = ProducerSnapshotCodec.encode(table);
        int at = random.nextInt(bytes.length);
        bytes[at] ^= (byte) (1 + random.nextInt(255));
        assertThatThrownBy(() -> ProducerSnapshotCodec.decode(bytes))
                .isInstanceOf(ProducerSnapshotCodec.CorruptSnapshotException.class);
    }
}
