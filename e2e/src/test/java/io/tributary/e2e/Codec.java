package io.tributary.e2e;

/** The five compression codecs of Kafka's record batches, by their {@code compression.type} names. */
public enum Codec {
    NONE, GZIP, SNAPPY, LZ4, ZSTD;

    /** The name the Java client, kcat and the broker configs use. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
