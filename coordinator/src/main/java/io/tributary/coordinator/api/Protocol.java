package io.tributary.coordinator.api;

import java.util.Arrays;
import java.util.Objects;

/** One protocol a joining member supports (for consumers, an assignor) with its opaque metadata. */
public record Protocol(String name, byte[] metadata) {

    public Protocol {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metadata, "metadata");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Protocol p && name.equals(p.name) && Arrays.equals(metadata, p.metadata);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(metadata);
    }

    @Override
    public String toString() {
        return "Protocol[" + name + ", " + metadata.length + "B]";
    }
}
