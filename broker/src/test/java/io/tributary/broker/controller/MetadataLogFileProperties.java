package io.tributary.broker.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever a crash leaves at the end of the metadata log file (a cut anywhere, or garbage in the
 * last entry), reading it back yields exactly a prefix of what was written, and the file is cut
 * to that prefix so appends continue cleanly.
 */
class MetadataLogFileProperties {

    private static ByteBuffer payload(int i, int size) {
        ByteBuffer b = ByteBuffer.allocate(size);
        for (int j = 0; j < size; j++) {
            b.put((byte) (i * 31 + j));
        }
        return b.flip();
    }

    @Property(tries = 100)
    void aDamagedTailLeavesAnIntactPrefix(@ForAll @IntRange(min = 1, max = 12) int entries,
                                          @ForAll @IntRange(min = 0, max = 300) int payloadBytes,
                                          @ForAll @IntRange(min = 0, max = 10_000) int damageAt,
                                          @ForAll boolean truncate) throws IOException {
        Path dir = Files.createTempDirectory("mlog");
        Path file = dir.resolve("log");
        List<Long> ends = new ArrayList<>();
        try (MetadataLogFile f = new MetadataLogFile(file)) {
            for (int i = 0; i < entries; i++) {
                f.append(i, 1, payload(i, payloadBytes));
                ends.add(f.sizeInBytes());
            }
        }
        long size = Files.size(file);
        long lastStart = entries == 1 ? 0 : ends.get(entries - 2);
        long at;
        if (truncate) {
            at = damageAt % (size + 1);
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(at);
            }
        } else {
            // Garbage only within the last entry: damage further back is refused, not cut (another test).
            at = lastStart + damageAt % (size - lastStart);
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.seek(at);
                int old = raf.read();
                raf.seek(at);
                raf.write(old ^ 0x5a);
            }
        }
        try (MetadataLogFile f = new MetadataLogFile(file)) {
            MetadataLogFile.ReadResult r = f.readAll();
            int intact = 0;
            while (intact < entries && ends.get(intact) <= at) {
                intact++;
            }
            assertThat(r.entries()).hasSize(intact);
            for (int i = 0; i < intact; i++) {
                assertThat(r.entries().get(i).offset()).isEqualTo(i);
                assertThat(r.entries().get(i).payload()).isEqualTo(payload(i, payloadBytes));
            }
            long kept = intact == 0 ? 0 : ends.get(intact - 1);
            assertThat(Files.size(file)).isEqualTo(kept);
            f.append(intact, 2, payload(99, 5));
        }
        try (MetadataLogFile f = new MetadataLogFile(file)) {
            assertThat(f.readAll().entries()).hasSize(Math.min(entries, countIntact(ends, at)) + 1);
        }
    }

    private static int countIntact(List<Long> ends, long at) {
        int n = 0;
        while (n < ends.size() && ends.get(n) <= at) {
            n++;
        }
        return n;
    }
}
