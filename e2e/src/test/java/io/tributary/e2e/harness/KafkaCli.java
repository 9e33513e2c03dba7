package io.tributary.e2e.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Apache Kafka's own command-line tools, run as an operator runs them: a child JVM on the test's class
 * path, which holds {@code kafka-tools} (see the e2e pom), so no Kafka installation is needed. The main
 * classes are those Kafka's scripts start, such as {@link #CONSUMER_GROUPS} for
 * {@code kafka-consumer-groups.sh}.
 */
public final class KafkaCli {
    /** {@code kafka-topics.sh}. */
    public static final String TOPICS = "org.apache.kafka.tools.TopicCommand";
    /** {@code kafka-consumer-groups.sh}. */
    public static final String CONSUMER_GROUPS = "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand";
    /** {@code kafka-console-consumer.sh}. */
    public static final String CONSOLE_CONSUMER = "org.apache.kafka.tools.consumer.ConsoleConsumer";
    /** {@code kafka-configs.sh} (still in Kafka's core module). */
    public static final String CONFIGS = "kafka.admin.ConfigCommand";
    /** {@code kafka-log-dirs.sh}. */
    public static final String LOG_DIRS = "org.apache.kafka.tools.LogDirsCommand";
    /** {@code kafka-cluster.sh}. */
    public static final String CLUSTER = "org.apache.kafka.tools.ClusterTool";

    private KafkaCli() {
    }

    /** Runs {@code mainClass} with {@code args}, killed after {@code timeout}; fails unless it exits with 0. */
    public static CommandRunner.Result run(String mainClass, List<String> args, Duration timeout) {
        return runAnyExit(mainClass, args, timeout).requireSuccess();
    }

    /** Runs {@code mainClass} with {@code args}, killed after {@code timeout}, whatever its exit code: for a refusal. */
    public static CommandRunner.Result runAnyExit(String mainClass, List<String> args, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // A tool is a short-lived client: a small heap and no JIT warm-up to speak of.
        command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        return CommandRunner.run(command, Path.of(System.getProperty("java.io.tmpdir")), new byte[0], timeout);
    }
}
