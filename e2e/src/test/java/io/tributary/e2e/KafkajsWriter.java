package io.tributary.e2e;

import io.tributary.e2e.harness.ProcessReaper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * kafkajs as a {@link ContinuousWriter}: {@code node produce-continuously.js} (see that script) writes
 * batches of {@link #BATCH} records to every partition, one loop per partition, and prints each
 * acknowledgement (partition, base offset, count, first sequence number, when it was sent) on stdout
 * as it comes. It runs until its standard input closes. A send kafkajs gave up on, a script that does
 * not exit 0, or an out-of-order sequence or unknown producer id anywhere in kafkajs's log is an error;
 * the rest of kafkajs's log (the failures it retried) are notices.
 */
final class KafkajsWriter extends ContinuousWriter {
    static final int BATCH = 4;
    /** Between two batches of one partition: with the round trip, a few hundred records a second per partition. */
    static final int PAUSE_MS = 10;
    /** The script's retries are bounded (30, at most 1 s apart, each request at most 5 s): it exits well within this. */
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern NOT_RETRIABLE = Pattern.compile(
            "(?i)out.of.order.sequence|unknown.producer|produce-continuously\\.js failed");

    private final List<String> command;
    private final Path scriptDir;
    private final AtomicLongArray sent;
    private Process process;
    private Thread stdoutReader;
    private Thread stderrReader;
    private long startNs;
    private long startEpochMs;

    KafkajsWriter(Path node, Path scriptDir, String bootstrap, String topic, int partitions, String acks) {
        super("kafkajs", partitions);
        boolean all = acks.equals("all");
        this.command = List.of(node.toString(), "produce-continuously.js", "--brokers", bootstrap, "--topic", topic,
                "--partitions", Integer.toString(partitions), "--acks", all ? "-1" : acks, "--idempotent", Boolean.toString(all),
                "--batch", Integer.toString(BATCH), "--pause-ms", Integer.toString(PAUSE_MS));
        this.scriptDir = scriptDir;
        this.sent = new AtomicLongArray(partitions);
    }

    @Override
    void start() {
        try {
            startEpochMs = System.currentTimeMillis();
            startNs = System.nanoTime();
            process = new ProcessBuilder(command).directory(scriptDir.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command, e);
        }
        ProcessReaper.track(process);
        stdoutReader = reader(process.getInputStream(), "stdout", this::onStdout);
        stderrReader = reader(process.getErrorStream(), "stderr", line -> {
            if (NOT_RETRIABLE.matcher(line).find()) {
                error("kafkajs: " + line);
            } else {
                notice("kafkajs: " + line);
            }
        });
    }

    private Thread reader(InputStream stream, String what, Consumer<String> onLine) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    onLine.accept(line);
                }
            } catch (IOException e) {
                error("reading kafkajs's " + what + " failed: " + e);
            }
        }, "failover-kafkajs-" + what);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** {@code ack P BASE COUNT FIRST_SEQ SENT_EPOCH_MS}, {@code error P FIRST_SEQ COUNT RETRIABLE TEXT} or {@code done N}. */
    private void onStdout(String line) {
        long nowNs = System.nanoTime();
        String[] f = line.split(" ", 6);
        try {
            switch (f[0]) {
                case "ack" -> {
                    int partition = Integer.parseInt(f[1]);
                    long base = Long.parseLong(f[2]);
                    int count = Integer.parseInt(f[3]);
                    long firstSeq = Long.parseLong(f[4]);
                    long sentNs = startNs + TimeUnit.MILLISECONDS.toNanos(Long.parseLong(f[5]) - startEpochMs);
                    for (int i = 0; i < count; i++) {
                        acknowledged(partition, new Ack(base + i, value(name(), partition, firstSeq + i), sentNs, nowNs));
                    }
                    sent.accumulateAndGet(partition, firstSeq + count, Math::max);
                }
                case "error" -> {
                    int partition = Integer.parseInt(f[1]);
                    sent.accumulateAndGet(partition, Long.parseLong(f[2]) + Integer.parseInt(f[3]), Math::max);
                    error("kafkajs gave up on a send: " + line);
                }
                case "done" -> notice("kafkajs: " + line);
                default -> error("kafkajs printed an unexpected line: " + line);
            }
        } catch (RuntimeException e) {
            error("kafkajs printed a line that does not parse (" + e + "): " + line);
        }
    }

    @Override
    void finish() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            error("closing kafkajs's input failed: " + e);
        }
        try {
            if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                error("produce-continuously.js still ran " + EXIT_TIMEOUT.toSeconds() + " s after its input closed; killed");
                process.waitFor(10, TimeUnit.SECONDS);
            }
            stdoutReader.join(TimeUnit.SECONDS.toMillis(10));
            stderrReader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted stopping kafkajs", e);
        }
        if (process.exitValue() != 0) {
            error("produce-continuously.js exited with " + process.exitValue());
        }
    }

    @Override
    long sentCount(int partition) {
        return sent.get(partition);
    }

    @Override
    String settings() {
        return String.join(" ", command.subList(1, command.size())) + " (requestTimeout 5000 ms, 30 retries at most 1 s apart)";
    }
}
