package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a partition read from the beginning after a failover must hold, against each
 * {@link ContinuousWriter}'s acknowledgement log: every acknowledged record exactly once, at the offset
 * it was acknowledged with, in the order it was written, and nothing else. With acks=1 the same
 * comparison counts the acknowledged records lost instead.
 */
final class FailoverChecks {
    private FailoverChecks() {
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** Every record in each partition was written to that partition by one of {@code writers}. */
    static void assertOnlyWritersRecords(String label, Map<Integer, List<ConsumerRecord<byte[], byte[]>>> read,
                                         List<ContinuousWriter> writers) {
        Set<String> names = writers.stream().map(ContinuousWriter::name).collect(Collectors.toSet());
        read.forEach((partition, records) -> assertThat(records.stream().map(r -> text(r.value()))
                .filter(v -> !names.contains(ContinuousWriter.writerOf(v)) || !v.startsWith(ContinuousWriter.writerOf(v) + "-"
                        + partition + "-")).toList())
                .as("%s: records in partition %d that none of %s wrote there", label, partition, names).isEmpty());
    }

    /**
     * For each partition: the writer's records in the log (offset and value, in log order) are exactly
     * its acknowledgements sorted by offset, so none is lost, none is there twice, and none is there
     * that was not acknowledged; and their sequence numbers are 0, 1, 2... up to the number it wrote,
     * so every record it was given is there once, in the order it was given.
     */
    static void assertExactlyOnceInOrder(String label, ContinuousWriter writer,
                                         Map<Integer, List<ConsumerRecord<byte[], byte[]>>> read) {
        for (int p = 0; p < writer.partitions(); p++) {
            List<ConsumerRecord<byte[], byte[]>> mine = recordsOf(writer, read.get(p));
            List<ContinuousWriter.Ack> acks = new ArrayList<>(writer.acks(p));
            acks.sort(Comparator.comparingLong(ContinuousWriter.Ack::offset));
            assertThat(mine.stream().map(r -> r.offset() + " " + text(r.value())).toList())
                    .as("%s, %s: partition %d from the beginning (offset and value), against every acknowledgement",
                            label, writer, p)
                    .containsExactlyElementsOf(acks.stream().map(a -> a.offset() + " " + a.value()).toList());
            assertThat(mine.stream().map(r -> ContinuousWriter.seqOf(text(r.value()))).toList())
                    .as("%s, %s: partition %d, sequence numbers in log order: each record written, once, in order", label, writer, p)
                    .containsExactlyElementsOf(LongStream.range(0, writer.sentCount(p)).boxed().toList());
        }
    }

    /** Acknowledged records not found at their acknowledged offset. */
    static int lost(ContinuousWriter writer, Map<Integer, List<ConsumerRecord<byte[], byte[]>>> read) {
        int lost = 0;
        for (int p = 0; p < writer.partitions(); p++) {
            Map<Long, String> atOffset = new HashMap<>();
            read.get(p).forEach(r -> atOffset.put(r.offset(), text(r.value())));
            for (ContinuousWriter.Ack ack : writer.acks(p)) {
                if (!ack.value().equals(atOffset.get(ack.offset()))) {
                    lost++;
                }
            }
        }
        return lost;
    }

    /** The writer's values found more than once in the log. */
    static int duplicated(ContinuousWriter writer, Map<Integer, List<ConsumerRecord<byte[], byte[]>>> read) {
        int duplicated = 0;
        for (int p = 0; p < writer.partitions(); p++) {
            Map<String, Integer> seen = new HashMap<>();
            recordsOf(writer, read.get(p)).forEach(r -> seen.merge(text(r.value()), 1, Integer::sum));
            duplicated += (int) seen.values().stream().filter(n -> n > 1).count();
        }
        return duplicated;
    }

    private static List<ConsumerRecord<byte[], byte[]>> recordsOf(ContinuousWriter writer,
                                                                  List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().filter(r -> writer.name().equals(ContinuousWriter.writerOf(text(r.value())))).toList();
    }
}
