package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.TimestampType;

/**
 * One record as a test produces it and expects it back: key (sometimes null), value, headers (in
 * order, one of them sometimes empty) and an explicit CreateTime timestamp. Everything is UTF-8
 * text so a mismatch reads well in an assertion message.
 */
public record SampleRecord(String key, String value, List<Header> headers, long timestampMs) {

    /**
     * {@code count} records whose values compress well (so compressed batches really are compressed)
     * and whose timestamps start at {@code baseTimestampMs}, one millisecond apart.
     */
    public static List<SampleRecord> generate(String prefix, int count, long baseTimestampMs) {
        List<SampleRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String key = i % 17 == 3 ? null : prefix + "-key-" + i;
            String value = prefix + "-value-" + i + " " + "lorem ipsum dolor sit amet ".repeat(1 + i % 4);
            List<Header> headers = new ArrayList<>();
            headers.add(new RecordHeader("seq", Integer.toString(i).getBytes(StandardCharsets.UTF_8)));
            headers.add(new RecordHeader("origin", ("e2e \u00fc\u00df " + prefix).getBytes(StandardCharsets.UTF_8)));
            if (i % 5 == 0) {
                headers.add(new RecordHeader("empty", new byte[0]));
            }
            records.add(new SampleRecord(key, value, List.copyOf(headers), baseTimestampMs + i));
        }
        return records;
    }

    public ProducerRecord<byte[], byte[]> toProducerRecord(String topic, int partition) {
        return new ProducerRecord<>(topic, partition, timestampMs, bytes(key), bytes(value), headers);
    }

    /** Sends every record, flushes, and returns each record's metadata (failing on any error). */
    public static List<RecordMetadata> produceAll(KafkaProducer<byte[], byte[]> producer, String topic,
                                                  int partition, List<SampleRecord> records) {
        List<Future<RecordMetadata>> futures = new ArrayList<>(records.size());
        for (SampleRecord record : records) {
            futures.add(producer.send(record.toProducerRecord(topic, partition)));
        }
        producer.flush();
        List<RecordMetadata> metadata = new ArrayList<>(futures.size());
        for (Future<RecordMetadata> future : futures) {
            try {
                metadata.add(future.get(60, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | TimeoutException e) {
                throw new AssertionError("a produce to " + topic + " failed", e);
            }
        }
        return metadata;
    }

    /**
     * Asserts that {@code actual} is exactly {@code expected}, in order, at consecutive offsets from
     * {@code firstOffset}: same key, value, headers and CreateTime timestamp, nothing missing, nothing
     * doubled.
     */
    public static void assertReadBack(List<ConsumerRecord<byte[], byte[]>> actual, List<SampleRecord> expected,
                                      long firstOffset) {
        assertThat(actual).as("records read back").hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            ConsumerRecord<byte[], byte[]> got = actual.get(i);
            SampleRecord want = expected.get(i);
            String where = "record " + i + " (offset " + got.offset() + ")";
            assertThat(got.offset()).as(where + " offset").isEqualTo(firstOffset + i);
            assertThat(text(got.key())).as(where + " key").isEqualTo(want.key());
            assertThat(text(got.value())).as(where + " value").isEqualTo(want.value());
            assertThat(headerText(got.headers())).as(where + " headers").isEqualTo(headerText(want.headers()));
            assertThat(got.timestamp()).as(where + " timestamp").isEqualTo(want.timestampMs());
            assertThat(got.timestampType()).as(where + " timestamp type").isEqualTo(TimestampType.CREATE_TIME);
        }
    }

    /** Headers as {@code key=value} strings, in order, for readable comparisons. */
    public static List<String> headerText(Iterable<Header> headers) {
        List<String> text = new ArrayList<>();
        for (Header header : headers) {
            text.add(header.key() + "=" + text(header.value()));
        }
        return text;
    }

    static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
