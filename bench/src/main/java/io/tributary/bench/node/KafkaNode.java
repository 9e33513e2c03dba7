package io.tributary.bench.node;

import io.tributary.bench.SystemKind;

import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Apache Kafka (the version pinned in the root pom, from Maven Central) as a single combined
 * broker+controller node in KRaft mode: storage formatted with Kafka's StorageTool, then
 * {@code java -cp <kafka class path> kafka.Kafka server.properties} in its own JVM with the flags
 * {@code kafka-server-start.sh} would use. Kafka's log4j2 output goes to a file at WARN.
 */
public final class KafkaNode extends ProcessBrokerNode {

    /** What {@code kafka-server-start.sh} sets when KAFKA_HEAP_OPTS is unset. */
    public static final String DEFAULT_HEAP_OPTS = "-Xmx1G -Xms1G";
    /** What {@code kafka-run-class.sh} sets as KAFKA_JVM_PERFORMANCE_OPTS. */
    public static final String PERFORMANCE_OPTS = "-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 "
            + "-XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 "
            + "-Djava.awt.headless=true";

    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(120);

    private final String kafkaClassPath;

    /** @param extraJvmOptions appended after Kafka's own flags (a flight recording, say) */
    public KafkaNode(NodeLayout layout, String kafkaClassPath, String heapOpts, List<String> extraJvmOptions) {
        super(layout, withExtra(jvmFlags(heapOpts), extraJvmOptions));
        this.kafkaClassPath = kafkaClassPath;
    }

    private static List<String> withExtra(List<String> flags, List<String> extra) {
        List<String> options = new ArrayList<>(flags);
        options.addAll(extra);
        return options;
    }

    /** The heap options followed by Kafka's performance options, as kafka-server-start.sh assembles them. */
    public static List<String> jvmFlags(String heapOpts) {
        List<String> options = new ArrayList<>(JavaCommand.words(heapOpts));
        options.addAll(JavaCommand.words(PERFORMANCE_OPTS));
        return List.copyOf(options);
    }

    @Override
    public SystemKind kind() {
        return SystemKind.KAFKA;
    }

    @Override
    protected ChildProcess launch(List<String> jvmOptions) throws IOException, InterruptedException {
        Path dir = layout.directory();
        Files.createDirectories(dir);
        Path properties = dir.resolve("server.properties");
        Files.writeString(properties, ServerProperties.render(ServerProperties.singleNode(layout)));
        Path log4j = dir.resolve("log4j2.properties");
        Files.writeString(log4j, Log4jConfig.fileAtWarn(dir.resolve("kafka-server.log")));
        format(properties, log4j);
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-Dlog4j2.configurationFile=" + log4j);
        options.add("-Dkafka.logs.dir=" + dir);
        return ChildProcess.start("kafka-node", JavaCommand.mainClass(options, kafkaClassPath, "kafka.Kafka",
                List.of(properties.toString())), dir.resolve("stdout.log"));
    }

    private void format(Path properties, Path log4j) throws IOException, InterruptedException {
        List<String> command = JavaCommand.mainClass(
                List.of("-Xmx256m", "-Dlog4j2.configurationFile=" + log4j),
                kafkaClassPath, "kafka.tools.StorageTool",
                List.of("format", "-t", Uuid.randomUuid().toString(), "-c", properties.toString()));
        ChildProcess formatter = ChildProcess.start("kafka-storage-format", command, layout.directory().resolve("format.log"));
        try {
            int exit = formatter.waitFor(FORMAT_TIMEOUT);
            if (exit != 0) {
                throw new IOException("Kafka StorageTool format exited " + exit + ":\n" + formatter.tail(30));
            }
        } catch (TimeoutException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
