package io.tributary.broker.partition;

import io.tributary.common.TopicId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code partition.metadata} in a partition directory: which topic id the data belongs to, in
 * Kafka's text layout, so that a directory left over from a deleted topic is never mistaken for a
 * new topic of the same name.
 *
 * <pre>
 * version: 0
 * topic_id: &lt;id in Kafka's base64 form&gt;
 * </pre>
 */
final class PartitionMetadataFile {

    static final String NAME = "partition.metadata";

    private PartitionMetadataFile() {
    }

    static void write(Path partitionDir, TopicId id) throws IOException {
        Path tmp = partitionDir.resolve(NAME + ".tmp");
        Files.writeString(tmp, "version: 0\ntopic_id: " + id + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, partitionDir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The topic id recorded in the directory, or null if there is no (readable) file. */
    static TopicId read(Path partitionDir) {
        Path f = partitionDir.resolve(NAME);
        if (!Files.exists(f)) {
            return null;
        }
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (line.startsWith("topic_id:")) {
                    return TopicId.fromString(line.substring("topic_id:".length()).trim());
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        return null;
    }
}
