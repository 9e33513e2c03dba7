package io.tributary.cli.produce;

import io.tributary.cli.CliException;
import io.tributary.cli.ClientCommand;
import io.tributary.cli.Errors;
import io.tributary.cli.KeyValues;
import io.tributary.cli.Main;
import io.tributary.cli.Progress;
import io.tributary.cli.Table;
import io.tributary.cli.topics.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code produce TOPIC [--file FILE]}: one record per input line, from standard input or a file, with
 * the official producer. It stops at the first record the cluster refuses and says which; otherwise
 * it exits once every record is acknowledged, with the count and the offsets written per partition.
 */
@Command(name = "produce", mixinStandardHelpOptions = true, description = "Write records, one per line of input.")
public final class ProduceCommand extends ClientCommand {
    private static final int LINGER_MS = 5;

    @Parameters(index = "0", paramLabel = "TOPIC")
    String topic;

    @Option(names = "--file", paramLabel = "FILE", description = "Read lines from FILE instead of standard input.")
    Path file;

    @Option(names = "--acks", paramLabel = "all|1|0", defaultValue = "all",
            description = "Acknowledgement to wait for (default: ${DEFAULT-VALUE}; idempotence is on only with all).")
    String acks;

    @Option(names = "--key-separator", paramLabel = "SEP", description = "Each line is KEY SEP VALUE (as parse.key=true).")
    String keySeparator;

    @Option(names = "--parse-headers", description = "Each line starts with k1:v1,k2:v2 then --headers-delimiter.")
    boolean parseHeaders;

    @Option(names = "--headers-delimiter", paramLabel = "SEP", defaultValue = "\t", description = "Ends a line's headers (default: tab).")
    String headersDelimiter;

    @Option(names = "--headers-separator", paramLabel = "SEP", defaultValue = ",", description = "Between headers (default: ${DEFAULT-VALUE}).")
    String headersSeparator;

    @Option(names = "--headers-key-separator", paramLabel = "SEP", defaultValue = ":",
            description = "Between a header's key and value (default: ${DEFAULT-VALUE}).")
    String headerKeySeparator;

    @Option(names = "--header", paramLabel = "KEY:VALUE", description = "A header for every record.")
    List<String> headers = new ArrayList<>();

    @Option(names = "--partition", paramLabel = "N", description = "Write every record to this partition.")
    Integer partition;

    @Option(names = "--producer-property", paramLabel = "KEY=VALUE", description = "A producer setting (linger.ms, compression.type, ...).")
    List<String> producerProperties = new ArrayList<>();

    @Override
    protected int execute() throws Exception {
        String acksValue = switch (acks) {
            case "all", "-1" -> "all";
            case "1", "0" -> acks;
            default -> throw new CliException("--acks must be all, -1, 1 or 0, got '" + acks + "'");
        };
        LineParser parser;
        try {
            parser = new LineParser(keySeparator, parseHeaders ? headersDelimiter : null, headersSeparator, headerKeySeparator, headers);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        Properties own = new Properties();
        own.put("acks", acksValue);
        // Kafka's producer refuses idempotence without acks=all; the user asked for fewer guarantees.
        own.put("enable.idempotence", Boolean.toString("all".equals(acksValue)));
        own.put("linger.ms", Integer.toString(LINGER_MS));
        own.put("max.block.ms", Integer.toString(connection.timeoutMs()));
        // The producer requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
        int requestTimeoutMs = Integer.parseInt(connection.baseProperties().getProperty("request.timeout.ms"));
        own.put("delivery.timeout.ms", Integer.toString(Math.max(connection.timeoutMs(), requestTimeoutMs + LINGER_MS)));
        own.putAll(KeyValues.parse("--producer-property", producerProperties));
        Outcome outcome = new Outcome();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clientProperties(own), new ByteArraySerializer(), new ByteArraySerializer());
                BufferedReader in = open();
                Progress progress = Progress.onStderr()) {
            requireTopic(producer);
            String line;
            long lineNumber = 0;
            while ((line = in.readLine()) != null && outcome.failure.get() == null) {
                lineNumber++;
                LineParser.Parsed parsed;
                try {
                    parsed = parser.parse(line, lineNumber);
                } catch (IllegalArgumentException e) {
                    throw new CliException(e.getMessage());
                }
                long recordNumber = lineNumber;
                producer.send(new ProducerRecord<>(topic, partition, null, parsed.key(), parsed.value(), parsed.headers()),
                        (metadata, e) -> outcome.record(recordNumber, metadata == null ? -1 : metadata.partition(),
                                metadata == null ? -1 : metadata.offset(), e));
                progress.update("sent " + lineNumber + ", acknowledged " + outcome.acknowledged.get(), System.currentTimeMillis());
            }
            producer.flush();
        }
        Throwable failure = outcome.failure.get();
        if (failure != null) {
            throw new CliException("line " + outcome.failedRecord + " was not written: "
                    + Errors.oneLine(failure, connection.bootstrap()));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("topic", topic);
        json.put("records", outcome.acknowledged.get());
        json.put("acks", acksValue);
        Map<String, Object> partitions = new TreeMap<>();
        outcome.offsets.forEach((p, range) -> partitions.put(Integer.toString(p), Map.of("firstOffset", range[0], "lastOffset", range[1])));
        json.put("partitions", partitions);
        output.print(out(), json, Table.lines().line("produced " + outcome.acknowledged.get()
                + (outcome.acknowledged.get() == 1 ? " record" : " records") + " to topic '" + topic + "'"));
        return Main.OK;
    }

    private BufferedReader open() throws IOException {
        if (file == null) {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        try {
            return Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException("file '" + file + "' does not exist");
        }
    }

    /**
     * Fails fast with {@code topic 'x' does not exist} unless the topic exists, or the cluster creates
     * it on this first metadata request ({@code auto.create.topics.enable}, as {@code ./tributary dev} does).
     */
    private void requireTopic(KafkaProducer<byte[], byte[]> producer) throws Exception {
        try {
            Topics.describe(admin(), List.of(topic));
            return;
        } catch (CliException absent) {
            // Perhaps the cluster creates topics on first use: the producer's metadata request says.
        }
        try {
            if (producer.partitionsFor(topic).isEmpty()) {
                throw Topics.doesNotExist(topic);
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new CliException("topic '" + topic + "' does not exist (and the cluster did not create it)");
        }
    }

    /** What the producer's callbacks reported, from its I/O thread. */
    private static final class Outcome {
        final AtomicLong acknowledged = new AtomicLong();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Map<Integer, long[]> offsets = new ConcurrentHashMap<>();
        volatile long failedRecord;

        void record(long recordNumber, int partition, long offset, Exception e) {
            if (e != null) {
                if (failure.compareAndSet(null, e)) {
                    failedRecord = recordNumber;
                }
                return;
            }
            acknowledged.incrementAndGet();
            if (offset >= 0) {
                offsets.merge(partition, new long[] {offset, offset},
                        (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            }
        }
    }
}
