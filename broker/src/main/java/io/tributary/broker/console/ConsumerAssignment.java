package io.tributary.broker.console;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the partitions a consumer group member was assigned, from the assignment bytes its leader
 * sent in SyncGroup (the consumer protocol's Assignment, every version of which starts the same way):
 * <pre>
 *   version        int16
 *   topics         int32 count, then per topic:
 *     topic        int16 length + UTF-8 bytes
 *     partitions   int32 count + int32 each
 *   (user data and later fields, not read)
 * </pre>
 * Bytes of another protocol (not "consumer") or cut short give an empty map: the console shows the
 * member without an assignment rather than failing.
 */
final class ConsumerAssignment {

    private ConsumerAssignment() {
    }

    static Map<String, List<Integer>> decode(byte[] bytes) {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        if (bytes == null || bytes.length < 6) {
            return out;
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            b.getShort();
            int topics = b.getInt();
            for (int t = 0; t < topics; t++) {
                short len = b.getShort();
                if (len < 0 || len > b.remaining()) {
                    return new LinkedHashMap<>();
                }
                byte[] name = new byte[len];
                b.get(name);
                int count = b.getInt();
                if (count < 0 || count > b.remaining() / 4) {
                    return new LinkedHashMap<>();
                }
                List<Integer> partitions = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    partitions.add(b.getInt());
                }
                out.put(new String(name, StandardCharsets.UTF_8), partitions);
            }
            return out;
        } catch (BufferUnderflowException e) {
            return new LinkedHashMap<>();
        }
    }
}
