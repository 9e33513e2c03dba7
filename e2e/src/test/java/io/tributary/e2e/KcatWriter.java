package io.tributary.e2e;

import io.tributary.e2e.harness.ProcessReaper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kcat (librdkafka) as a {@link ContinuousWriter}: one {@code kcat -P -p <partition>} process per
 * partition, fed one value a line on its standard input by a thread of ours, about two hundred lines a
 * second per partition.
 *
 * <p>kcat reports each delivery on stderr at verbosity 3 ({@code -v -v}): "Message delivered to
 * partition P (offset O)". librdkafka with idempotence delivers a partition's records, and reports
 * them, in the order they were produced, so the k-th report of a process is the k-th line it was
 * given: that is this writer's acknowledgement log. A failed delivery ("Delivery failed"), a fatal
 * client error, an out-of-order sequence or unknown producer id, or a kcat that does not exit 0 once
 * its input closes is an error; everything else kcat and librdkafka print (a broker connection
 * refused, a request timed out, all of which librdkafka retries) is a notice. {@code -E} keeps kcat
 * running through "all brokers down", which it would otherwise treat as fatal.
 *
 * <p>kcat serves its delivery reports only after reading a line, so it is given lines continuously
 * and never held back by the number unanswered: that number is bounded by the rate times
 * {@code message.timeout.ms} (librdkafka gives up on a record after it), and a writer past
 * {@link #PENDING_PER_PARTITION_MAX} stops with an error instead of growing.
 *
 * <p>librdkafka times a produce request out after the first record's remaining
 * {@code message.timeout.ms}, capped by {@code socket.timeout.ms} ({@code request.timeout.ms} is only
 * the wait it asks of the broker): {@code socket.timeout.ms=5000} gives it the Java writer's 5 s, so a
 * request stuck on a paused leader is given up and retried on the new one (with idempotence, the
 * records after it wait for that) long before the records themselves time out.
 */
final class KcatWriter extends ContinuousWriter {
    /** librdkafka gives up on a record after this: bounded, well inside the test's waits. */
    static final int MESSAGE_TIMEOUT_MS = 30_000;
    /** About 200 lines a second for MESSAGE_TIMEOUT_MS is 6000: past this something is wrong. */
    static final int PENDING_PER_PARTITION_MAX = 10_000;
    private static final Duration EXIT_TIMEOUT = Duration.ofMillis(MESSAGE_TIMEOUT_MS + 15_000);
    private static final Pattern DELIVERED = Pattern.compile("Message delivered to partition (\\d+) \\(offset (-?\\d+)\\)");
    private static final Pattern NOT_RETRIABLE = Pattern.compile(
            "(?i)delivery failed|fatal|terminating|out.of.order.sequence|unknown.producer");

    private final List<String> command;
    private final String acks;
    private final Process[] processes;
    private final Thread[] stderrReaders;
    private final Thread feeder;
    /** Per partition: when each line given to kcat and not yet reported on was written (nanoTime). */
    private final ArrayDeque<Long>[] pendingSentNs;
    private final long[] written;
    private final long[] reported;
    private volatile boolean running = true;

    @SuppressWarnings("unchecked")
    KcatWriter(Path kcat, String bootstrap, String topic, int partitions, String acks) {
        super("kcat", partitions);
        boolean idempotent = acks.equals("all");
        this.acks = acks;
        List<String> args = new ArrayList<>(List.of(kcat.toString(), "-P", "-b", bootstrap, "-t", topic, "-E", "-v", "-v",
                "-X", "acks=" + acks, "-X", "enable.idempotence=" + idempotent,
                "-X", "message.timeout.ms=" + MESSAGE_TIMEOUT_MS, "-X", "socket.timeout.ms=5000", "-X", "linger.ms=2"));
        if (!idempotent) {
            // Without idempotence a retried request may overtake the ones after it; with one in flight
            // the k-th delivery report is still the k-th line, so the acks=1 loss count stays exact.
            args.addAll(List.of("-X", "max.in.flight.requests.per.connection=1"));
        }
        this.command = List.copyOf(args);
        this.processes = new Process[partitions];
        this.stderrReaders = new Thread[partitions];
        this.pendingSentNs = new ArrayDeque[partitions];
        this.written = new long[partitions];
        this.reported = new long[partitions];
        for (int p = 0; p < partitions; p++) {
            pendingSentNs[p] = new ArrayDeque<>();
        }
        this.feeder = new Thread(this::feed, "failover-kcat-feeder-" + topic);
        feeder.setDaemon(true);
    }

    @Override
    void start() {
        for (int p = 0; p < partitions(); p++) {
            List<String> partitionCommand = new ArrayList<>(command);
            partitionCommand.addAll(List.of("-p", Integer.toString(p)));
            try {
                processes[p] = new ProcessBuilder(partitionCommand).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                throw new AssertionError("cannot start " + partitionCommand, e);
            }
            ProcessReaper.track(processes[p]);
            int partition = p;
            stderrReaders[p] = new Thread(() -> readStderr(partition), "failover-kcat-stderr-" + p);
            stderrReaders[p].setDaemon(true);
            stderrReaders[p].start();
        }
        feeder.start();
    }

    private void feed() {
        OutputStream[] inputs = new OutputStream[partitions()];
        for (int p = 0; p < partitions(); p++) {
            inputs[p] = processes[p].getOutputStream();
        }
        try {
            while (running) {
                for (int p = 0; p < partitions(); p++) {
                    synchronized (pendingSentNs[p]) {
                        if (pendingSentNs[p].size() >= PENDING_PER_PARTITION_MAX) {
                            error("partition " + p + ": " + PENDING_PER_PARTITION_MAX + " lines given to kcat without a delivery "
                                    + "report; stopped writing");
                            running = false;
                            break;
                        }
                        pendingSentNs[p].add(System.nanoTime());
                    }
                    inputs[p].write((value(name(), p, written[p]) + "\n").getBytes(StandardCharsets.UTF_8));
                    inputs[p].flush();
                    written[p]++;
                }
                // Pacing of the load, not a wait for a condition: about 200 lines a second per partition.
                Thread.sleep(5);
            }
        } catch (IOException e) {
            error("writing to kcat's input failed (kcat exited?): " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (OutputStream input : inputs) {
                try {
                    input.close();
                } catch (IOException e) {
                    error("closing kcat's input failed: " + e);
                }
            }
        }
    }

    private void readStderr(int partition) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(processes[partition].getErrorStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                long nowNs = System.nanoTime();
                Matcher delivered = DELIVERED.matcher(line);
                if (delivered.find()) {
                    onDelivered(partition, Integer.parseInt(delivered.group(1)), Long.parseLong(delivered.group(2)), nowNs, line);
                } else if (NOT_RETRIABLE.matcher(line).find()) {
                    error("kcat -p " + partition + ": " + line);
                } else {
                    notice("kcat -p " + partition + ": " + line);
                }
            }
        } catch (IOException e) {
            error("reading kcat -p " + partition + "'s stderr failed: " + e);
        }
    }

    private void onDelivered(int expectedPartition, int partition, long offset, long nowNs, String line) {
        if (partition != expectedPartition) {
            error("kcat -p " + expectedPartition + " reported a delivery to partition " + partition + ": " + line);
            return;
        }
        Long sentNs;
        synchronized (pendingSentNs[partition]) {
            sentNs = pendingSentNs[partition].poll();
        }
        if (sentNs == null) {
            error("kcat -p " + partition + " reported more deliveries than it was given lines: " + line);
            return;
        }
        acknowledged(partition, new Ack(offset, value(name(), partition, reported[partition]++), sentNs, nowNs));
    }

    @Override
    void finish() {
        running = false;
        try {
            feeder.join(TimeUnit.SECONDS.toMillis(10));
            for (int p = 0; p < partitions(); p++) {
                Process process = processes[p];
                if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    error("kcat -p " + p + " still ran " + EXIT_TIMEOUT.toSeconds() + " s after its input closed; killed");
                    process.waitFor(10, TimeUnit.SECONDS);
                }
                stderrReaders[p].join(TimeUnit.SECONDS.toMillis(10));
                if (process.exitValue() != 0) {
                    error("kcat -p " + p + " exited with " + process.exitValue());
                }
                synchronized (pendingSentNs[p]) {
                    if (!pendingSentNs[p].isEmpty()) {
                        error("kcat -p " + p + ": " + pendingSentNs[p].size() + " of its " + written[p]
                                + " lines never reported delivered");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted stopping kcat", e);
        }
    }

    @Override
    long sentCount(int partition) {
        return written[partition];
    }

    @Override
    String settings() {
        return String.join(" ", command.subList(1, command.size()));
    }
}
