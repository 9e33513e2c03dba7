package io.tributary.cli.consume;

import io.tributary.cli.CliException;
import io.tributary.cli.ClientCommand;
import io.tributary.cli.Json;
import io.tributary.cli.KeyValues;
import io.tributary.cli.Main;
import io.tributary.cli.Progress;
import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code consume TOPIC}: prints records with the official consumer until {@code --max-messages} are
 * printed, {@code --idle-timeout-ms} passes with none, or Ctrl-C.
 *
 * <p>In a group ({@code --group}) the group's committed offsets say where to start
 * ({@code --from-beginning} or {@code --from-end} only where the group has none, as Kafka's
 * {@code auto.offset.reset}), and the offsets of the records printed are committed before it exits.
 * Without a group it reads every partition (or {@code --partition}) from the end, the beginning,
 * {@code --offset} or {@code --from-time}, and commits nothing.
 */
@Command(name = "consume", mixinStandardHelpOptions = true, description = "Print records from a topic.")
public final class ConsumeCommand extends ClientCommand {
    private static final Duration POLL_MS = Duration.ofMillis(200);
    /** How long Ctrl-C waits for the last commit and the group leave before the JVM stops anyway. */
    private static final long STOP_WAIT_MS = 10_000;

    @Parameters(index = "0", paramLabel = "TOPIC")
    String topic;

    @Option(names = "--group", paramLabel = "GROUP", description = "Consume in this consumer group, and commit what was printed.")
    String group;

    @Option(names = "--partition", paramLabel = "N", description = "Read only this partition (not with --group).")
    Integer partition;

    @Option(names = "--from-beginning", description = "Start at each partition's first record.")
    boolean fromBeginning;

    @Option(names = "--from-end", description = "Start after each partition's last record (the default without a group).")
    boolean fromEnd;

    @Option(names = "--offset", paramLabel = "OFFSET", description = "Start at this offset of --partition.")
    Long offset;

    @Option(names = "--from-time", paramLabel = "TIME",
            description = "Start at the first record at or after TIME (ms since the epoch, or ISO-8601 such as 2026-12-07T10:00:00Z).")
    String fromTime;

    @Option(names = "--max-messages", paramLabel = "N", description = "Exit after N records.")
    Long maxMessages;

    @Option(names = "--idle-timeout-ms", paramLabel = "MS", description = "Exit when no record arrives for MS.")
    Long idleTimeoutMs;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "%v",
            description = "How to print a record: %%t topic, %%p partition, %%o offset, %%k key, %%v value, %%h headers, "
                    + "%%T timestamp, %%%% a percent sign; \\t and \\n (default: %%v). Not with --json.")
    String format;

    @Option(names = "--consumer-property", paramLabel = "KEY=VALUE", description = "A consumer setting (isolation.level, ...).")
    List<String> consumerProperties = new ArrayList<>();

    @Override
    protected int execute() throws Exception {
        StartPosition start = startPosition();
        RecordFormat recordFormat;
        try {
            recordFormat = RecordFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        List<TopicPartition> partitions = Assignment.partitions(admin(), topic, partition);
        Properties own = new Properties();
        own.put("enable.auto.commit", "false");
        own.put("allow.auto.create.topics", "false");
        own.put("auto.offset.reset", start instanceof StartPosition.Beginning ? "earliest" : "latest");
        if (group != null) {
            own.put("group.id", group);
        }
        own.putAll(KeyValues.parse("--consumer-property", consumerProperties));
        PrintStream out = out();
        // Ctrl-C or SIGTERM wakes the consumer; the hook then waits (bounded) until the offsets are
        // committed and the consumer has left its group, but not for the main thread itself, which
        // may be blocked in System.exit behind the hook.
        CountDownLatch closed = new CountDownLatch(1);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clientProperties(own), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
                Progress progress = Progress.onStderr()) {
            Thread stopper = new Thread(() -> {
                consumer.wakeup();
                awaitQuietly(closed);
            }, "tributary-consume-stop");
            Runtime.getRuntime().addShutdownHook(stopper);
            try {
                long printed = consume(consumer, partitions, start, recordFormat, out, progress);
                progress.close();
                if (!json()) {
                    System.err.println("consumed " + printed + (printed == 1 ? " record" : " records"));
                }
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(stopper);
                } catch (IllegalStateException shuttingDown) {
                    // The JVM is stopping already, and the hook waits for this thread to close the consumer.
                }
            }
        } finally {
            closed.countDown();
        }
        return Main.OK;
    }

    /** Polls and prints until the limit, the idle timeout or a wake-up; commits what was printed (in a group). */
    private long consume(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, StartPosition start,
            RecordFormat recordFormat, PrintStream out, Progress progress) {
        if (group != null) {
            consumer.subscribe(List.of(topic));
        } else {
            consumer.assign(partitions);
            Assignment.seek(consumer, partitions, start);
        }
        long printed = 0;
        long lastRecordMs = System.currentTimeMillis();
        Map<TopicPartition, OffsetAndMetadata> toCommit = new HashMap<>();
        try {
            while (maxMessages == null || printed < maxMessages) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_MS);
                long nowMs = System.currentTimeMillis();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    out.println(json() ? Json.write(asJson(record)) : recordFormat.format(record));
                    toCommit.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
                    if (++printed == (maxMessages == null ? -1 : maxMessages)) {
                        break;
                    }
                }
                out.flush();
                if (!records.isEmpty()) {
                    lastRecordMs = nowMs;
                    commit(consumer, toCommit);
                } else if (idleTimeoutMs != null && nowMs - lastRecordMs >= idleTimeoutMs) {
                    break;
                }
                progress.update("consumed " + printed + " records", nowMs);
            }
        } catch (WakeupException stopped) {
            // Ctrl-C: commit what was printed, then exit.
        }
        commit(consumer, toCommit);
        return printed;
    }

    private StartPosition startPosition() {
        int given = (fromBeginning ? 1 : 0) + (fromEnd ? 1 : 0) + (offset != null ? 1 : 0) + (fromTime != null ? 1 : 0);
        if (given > 1) {
            throw new CliException("give at most one of --from-beginning, --from-end, --offset and --from-time");
        }
        if (group != null && partition != null) {
            throw new CliException("--partition reads without a group; a group's members share the partitions (drop --group or --partition)");
        }
        if (group != null && (offset != null || fromTime != null)) {
            throw new CliException("a group starts at its committed offsets; move them with 'groups reset-offsets' instead of --offset or --from-time");
        }
        if (offset != null && partition == null) {
            throw new CliException("--offset needs --partition");
        }
        if (offset != null) {
            return new StartPosition.Offset(offset);
        }
        if (fromTime != null) {
            try {
                return new StartPosition.Time(StartPosition.parseTime(fromTime, ZoneId.systemDefault()));
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
        }
        return fromBeginning ? new StartPosition.Beginning() : new StartPosition.End();
    }

    private void commit(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (group != null && !offsets.isEmpty()) {
            consumer.commitSync(offsets);
            offsets.clear();
        }
    }

    static Map<String, Object> asJson(ConsumerRecord<byte[], byte[]> record) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("topic", record.topic());
        json.put("partition", record.partition());
        json.put("offset", record.offset());
        json.put("timestamp", record.timestamp());
        json.put("key", record.key() == null ? null : RecordFormat.text(record.key()));
        json.put("value", record.value() == null ? null : RecordFormat.text(record.value()));
        Map<String, Object> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : RecordFormat.text(header.value()));
        }
        json.put("headers", headers);
        return json;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(STOP_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
