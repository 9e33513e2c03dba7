package io.tributary.log;

/**
 * The broker-wide settings of the log cleaner, under Kafka's {@code log.cleaner.*} names and with
 * its defaults. The memory and I/O figures are totals shared by all cleaner threads, so adding
 * threads never adds memory.
 *
 * @param enabled              {@code log.cleaner.enable}: run the cleaner at all
 * @param threads              {@code log.cleaner.threads}: logs cleaned at once
 * @param dedupeBufferBytes    {@code log.cleaner.dedupe.buffer.size}: memory for the key-to-offset maps of all threads
 * @param ioBufferBytes        {@code log.cleaner.io.buffer.size}: memory for the read and write buffers of all threads
 * @param ioMaxBytesPerSecond  {@code log.cleaner.io.max.bytes.per.second}: the most bytes read plus written per second
 * @param backoffMs            {@code log.cleaner.backoff.ms}: how long a thread idles when no log needs cleaning
 */
public record CleanerConfig(boolean enabled, int threads, long dedupeBufferBytes, int ioBufferBytes,
                            double ioMaxBytesPerSecond, long backoffMs) {

    /** Kafka's defaults: one thread, 128 MiB of maps, 512 KiB of I/O buffers, no I/O cap, 15 s backoff. */
    public static final CleanerConfig DEFAULT = new CleanerConfig(true, 1, 128L * 1024 * 1024, 512 * 1024,
            Double.MAX_VALUE, 15_000L);

    public CleanerConfig {
        if (threads < 0) {
            throw new IllegalArgumentException("Invalid value " + threads + " for configuration log.cleaner.threads: must be at least 0");
        }
        if (dedupeBufferBytes < 1024) {
            throw new IllegalArgumentException("Invalid value " + dedupeBufferBytes
                    + " for configuration log.cleaner.dedupe.buffer.size: must be at least 1024");
        }
        if (ioBufferBytes < 0) {
            throw new IllegalArgumentException("Invalid value " + ioBufferBytes + " for configuration log.cleaner.io.buffer.size: must be at least 0");
        }
        if (!(ioMaxBytesPerSecond > 0)) {
            throw new IllegalArgumentException("Invalid value " + ioMaxBytesPerSecond
                    + " for configuration log.cleaner.io.max.bytes.per.second: must be positive");
        }
        if (backoffMs < 0) {
            throw new IllegalArgumentException("Invalid value " + backoffMs + " for configuration log.cleaner.backoff.ms: must be at least 0");
        }
    }

    /** The map memory one thread may use. */
    public long dedupeBufferBytesPerThread() {
        return dedupeBufferBytes / Math.max(1, threads);
    }

    /** The read (and, again, the write) buffer one thread starts with: half its share, as Kafka splits it. */
    public int ioBufferBytesPerThread() {
        return Math.max(1024, ioBufferBytes / Math.max(1, threads) / 2);
    }

    public CleanerConfig withBackoffMs(long v) {
        return new CleanerConfig(enabled, threads, dedupeBufferBytes, ioBufferBytes, ioMaxBytesPerSecond, v);
    }

    public CleanerConfig withDedupeBufferBytes(long v) {
        return new CleanerConfig(enabled, threads, v, ioBufferBytes, ioMaxBytesPerSecond, backoffMs);
    }

    public CleanerConfig withIoMaxBytesPerSecond(double v) {
        return new CleanerConfig(enabled, threads, dedupeBufferBytes, ioBufferBytes, v, backoffMs);
    }
}
